package com.demarc.shared.ui;

import com.demarc.shared.Permissions;

import java.util.Map;
import java.util.Optional;

/**
 * The permission each side-navigation page needs beyond its route annotation: a page marked {@code @PermitAll} whose
 * services require a permission (AWS attestations need EVIDENCE:READ, which administrators lack) must not be offered
 * to a role that would only be refused. The services check the same permissions; this only decides the menu.
 */
final class MenuPermissions {
    private static final Map<String, String> BY_PATH = Map.of(
            "dashboard", Permissions.DASHBOARD_READ,
            "projects", Permissions.PROJECT_READ,
            "matrix", Permissions.PROJECT_READ,
            "catalog", Permissions.CATALOG_READ,
            "catalog/summary", Permissions.CATALOG_READ,
            "catalog/services", Permissions.CATALOG_READ,
            "catalog/versions", Permissions.CATALOG_READ,
            "attestations", Permissions.EVIDENCE_READ);

    private MenuPermissions() {
    }

    /** The permission a menu item's page needs, if any; {@code path} as in {@code MenuEntry.path()}. */
    static Optional<String> of(String path) {
        var key = path == null ? "" : path.replaceAll("^/+|/+$", "");
        return Optional.ofNullable(BY_PATH.get(key));
    }
}
