package com.demarc.security;

import com.vaadin.flow.server.VaadinRequest;
import com.vaadin.flow.server.auth.AccessCheckDecisionResolver;
import com.vaadin.flow.server.auth.NavigationAccessChecker;
import com.vaadin.flow.spring.security.SpringNavigationAccessControl;
import com.vaadin.flow.spring.security.VaadinRolePrefixHolder;

import java.util.Collection;
import java.util.function.Predicate;

/**
 * Vaadin's navigation access control, with the same decisions, made without a class-path scan per check. Vaadin's
 * Spring role checker looks up its {@link VaadinRolePrefixHolder} on every call through Flow's {@code Lookup}, which
 * also searches {@code META-INF/services} in every jar: a few milliseconds per route, paid for each navigation and for
 * every menu entry of each new page (issue 17's cluster benchmark found it among the hottest paths). Once the holder
 * has its role prefix (the first request sets it), the check is the servlet request's own {@code isUserInRole}, which
 * is what Vaadin answers with too; until then, and for WebSocket push requests, Vaadin's own checker runs.
 */
final class RoleCheckingNavigationAccessControl extends SpringNavigationAccessControl {
    private final VaadinRolePrefixHolder rolePrefix;

    RoleCheckingNavigationAccessControl(Collection<NavigationAccessChecker> checkers, AccessCheckDecisionResolver resolver,
                                        VaadinRolePrefixHolder rolePrefix) {
        super(checkers, resolver);
        this.rolePrefix = rolePrefix;
    }

    @Override
    protected Predicate<String> getRolesChecker(VaadinRequest request) {
        if (request == null || !rolePrefix.isSet() || "websocket".equals(request.getHeader("X-Atmosphere-Transport"))) {
            return super.getRolesChecker(request);
        }
        return request::isUserInRole;
    }
}
