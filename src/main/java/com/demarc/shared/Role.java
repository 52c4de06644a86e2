package com.demarc.shared;

import java.util.Set;

import static com.demarc.shared.Permissions.*;

/** The roles a Demarc user can hold, each with the permissions it grants. */
public enum Role {
    ADMIN("Administrator", Set.of(USER_MANAGE, TEAM_MANAGE, CATALOG_READ, PROJECT_READ, DASHBOARD_READ, AUDIT_READ, OPS_READ)),
    MANAGER("Compliance manager", Set.of(CATALOG_READ, CATALOG_EDIT, SERVICE_EDIT, PROJECT_READ, PROJECT_EDIT, RACI_EDIT,
            EVIDENCE_READ, EVIDENCE_UPLOAD, EVIDENCE_REVIEW, EVIDENCE_EXPORT, DASHBOARD_READ, TEAM_READ)),
    MEMBER("Team member", Set.of(CATALOG_READ, PROJECT_READ, PROJECT_EDIT, RACI_EDIT, EVIDENCE_READ, EVIDENCE_UPLOAD,
            DASHBOARD_READ)),
    AUDITOR("Auditor", Set.of(CATALOG_READ, PROJECT_READ, EVIDENCE_READ, EVIDENCE_EXPORT, DASHBOARD_READ, AUDIT_READ));

    private final String label;
    private final Set<String> permissions;

    Role(String label, Set<String> permissions) {
        this.label = label;
        this.permissions = permissions;
    }

    public String label() {
        return label;
    }

    public Set<String> permissions() {
        return permissions;
    }

    /** The Spring Security authority for this role, as used by {@code @RolesAllowed}. */
    public String authority() {
        return "ROLE_" + name();
    }
}
