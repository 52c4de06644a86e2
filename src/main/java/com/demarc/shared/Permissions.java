package com.demarc.shared;

/**
 * Every permission of Demarc in one place. Services check them with {@code @PreAuthorize(HAS_...)};
 * {@link Role} maps them to roles. Scope (which team's project) is checked in the services on top of these.
 */
public final class Permissions {
    public static final String USER_MANAGE = "USER:MANAGE";
    public static final String TEAM_MANAGE = "TEAM:MANAGE";
    public static final String TEAM_READ = "TEAM:READ";
    public static final String CATALOG_READ = "CATALOG:READ";
    public static final String CATALOG_EDIT = "CATALOG:EDIT";
    public static final String SERVICE_EDIT = "SERVICE:EDIT";
    public static final String PROJECT_READ = "PROJECT:READ";
    public static final String PROJECT_EDIT = "PROJECT:EDIT";
    public static final String RACI_EDIT = "RACI:EDIT";
    public static final String EVIDENCE_READ = "EVIDENCE:READ";
    public static final String EVIDENCE_UPLOAD = "EVIDENCE:UPLOAD";
    public static final String EVIDENCE_REVIEW = "EVIDENCE:REVIEW";
    public static final String EVIDENCE_EXPORT = "EVIDENCE:EXPORT";
    public static final String DASHBOARD_READ = "DASHBOARD:READ";
    public static final String AUDIT_READ = "AUDIT:READ";
    public static final String OPS_READ = "OPS:READ";

    public static final String HAS_USER_MANAGE = "hasAuthority('" + USER_MANAGE + "')";
    public static final String HAS_TEAM_MANAGE = "hasAuthority('" + TEAM_MANAGE + "')";
    public static final String HAS_TEAM_READ = "hasAnyAuthority('" + TEAM_MANAGE + "','" + TEAM_READ + "')";
    public static final String HAS_CATALOG_READ = "hasAuthority('" + CATALOG_READ + "')";
    public static final String HAS_CATALOG_EDIT = "hasAuthority('" + CATALOG_EDIT + "')";
    public static final String HAS_SERVICE_EDIT = "hasAuthority('" + SERVICE_EDIT + "')";

    public static final String HAS_PROJECT_READ = "hasAuthority('" + PROJECT_READ + "')";
    public static final String HAS_PROJECT_EDIT = "hasAuthority('" + PROJECT_EDIT + "')";
    public static final String HAS_RACI_EDIT = "hasAuthority('" + RACI_EDIT + "')";

    public static final String HAS_EVIDENCE_READ = "hasAuthority('" + EVIDENCE_READ + "')";
    public static final String HAS_EVIDENCE_UPLOAD = "hasAuthority('" + EVIDENCE_UPLOAD + "')";
    public static final String HAS_EVIDENCE_REVIEW = "hasAuthority('" + EVIDENCE_REVIEW + "')";
    public static final String HAS_EVIDENCE_EXPORT = "hasAuthority('" + EVIDENCE_EXPORT + "')";

    private Permissions() {
    }
}
