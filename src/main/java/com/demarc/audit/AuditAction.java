package com.demarc.audit;

/**
 * What an audit log entry records. The constant's {@link #name()} is what is stored in {@code audit_log.action} and
 * hashed into the chain, so a constant is never renamed (existing entries and their hashes keep the old name).
 */
public enum AuditAction {
    // sign-in and access
    LOGIN_SUCCEEDED,
    LOGIN_FAILED,
    LOGIN_REFUSED_LOCKED,
    ACCOUNT_LOCKED,
    ACCESS_DENIED,
    SESSION_ENDED,
    // company sign-in (OIDC)
    SSO_SIGN_IN_REFUSED,
    SSO_ACCESS_CHANGED,
    // users and teams
    USER_CREATED,
    USER_UPDATED,
    USER_DISABLED,
    PASSWORD_RESET,
    PASSWORD_CHANGED,
    PASSWORD_CHANGE_FAILED,
    PASSWORD_CHANGE_REFUSED_LOCKED,
    AUDITOR_ACCESS_CHANGED,
    TEAM_CREATED,
    TEAM_UPDATED,
    // provisioning from the identity provider (SCIM)
    SCIM_TOKEN_CREATED,
    SCIM_TOKEN_REVOKED,
    SCIM_USER_PROVISIONED,
    SCIM_USER_UPDATED,
    SCIM_USER_DEACTIVATED,
    SCIM_USER_DELETED,
    SCIM_GROUP_CHANGED,
    SCIM_REFUSED,
    // REST API v1 (module api): tokens, service accounts and refused calls
    API_TOKEN_CREATED,
    API_TOKEN_REVOKED,
    SERVICE_ACCOUNT_CREATED,
    API_REFUSED,
    // second factor (TOTP)
    MFA_ENROLLED,
    MFA_RECOVERY_CODES_RENEWED,
    MFA_RESET,
    MFA_VERIFIED,
    // catalog
    SERVICE_ADDED,
    SERVICE_UPDATED,
    CONTROL_CREATED,
    CONTROL_UPDATED,
    CATALOG_IMPORTED,
    CATALOG_EXPORTED,
    OSCAL_EXPORTED,
    OSCAL_IMPORTED,
    // projects and RACI
    PROJECT_CREATED,
    PROJECT_UPDATED,
    PROJECT_ARCHIVED,
    PROJECT_RESTORED,
    PROJECT_UPGRADED,
    STATUS_CHANGED,
    RACI_CHANGED,
    RACI_BULK_CHANGED,
    RACI_TEMPLATE_SAVED,
    // evidence, attestations, audit packages
    EVIDENCE_UPLOADED,
    EVIDENCE_LINK_ADDED,
    EVIDENCE_VALIDITY_CHANGED,
    EVIDENCE_REVIEWED,
    EVIDENCE_SELF_REVIEW_REFUSED,
    EVIDENCE_DELETED,
    EVIDENCE_DOWNLOADED,
    ATTESTATION_CREATED,
    ATTESTATION_LINKED,
    ATTESTATION_DOWNLOADED,
    AUDIT_PACKAGE_EXPORTED,
    // automated evidence (Security Hub / AWS Config results)
    CHECK_RESULTS_IMPORTED,
    CHECK_MAPPING_CHANGED,
    CHECK_MAPPING_EXPORTED,
    CHECK_SUPPRESSED,
    CHECK_SUPPRESSION_ENDED
}
