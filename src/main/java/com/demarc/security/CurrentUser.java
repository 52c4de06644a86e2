package com.demarc.security;

import com.demarc.organization.TeamId;
import com.demarc.organization.UserDirectory;
import com.demarc.organization.UserId;
import com.demarc.shared.Actors;
import com.demarc.shared.DemarcUser;
import com.demarc.shared.Role;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

import java.util.List;
import java.util.function.Supplier;

/**
 * The signed-in user and their scope, for the scope checks services make on top of permissions. The user's teams and
 * auditor scope are read once per HTTP request (a page's queries each check scope: dozens of reads of the same rows
 * per navigation otherwise) and afresh on the next request, so a membership change counts from the next click on;
 * outside a request (jobs, tests calling services) every call reads them.
 */
@Component
public class CurrentUser {
    private final UserDirectory directory;

    CurrentUser(UserDirectory directory) {
        this.directory = directory;
    }

    public DemarcUser require() {
        return Actors.current().orElseThrow(() -> new AccessDeniedException("Sign in first."));
    }

    public UserId id() {
        return new UserId(require().id());
    }

    /** Managers and admins see every team; auditors every team unless their scope names teams; members their own. */
    public boolean seesAllTeams() {
        var user = require();
        if (user.hasRole(Role.MANAGER) || user.hasRole(Role.ADMIN)) {
            return true;
        }
        return user.hasRole(Role.AUDITOR) && auditorScope().isEmpty();
    }

    /** The teams the user is a member of (what editing is scoped to). */
    public List<TeamId> memberTeams() {
        return memberships();
    }

    /** The teams whose projects the user may read: their memberships, plus an auditor's scope. */
    public List<TeamId> teams() {
        var teams = new java.util.LinkedHashSet<>(memberships());
        if (require().hasRole(Role.AUDITOR)) {
            teams.addAll(auditorScope());
        }
        return List.copyOf(teams);
    }

    private List<TeamId> memberships() {
        var user = id();
        return perRequest("demarc.teams." + user.value(), () -> List.copyOf(directory.teamsOf(user)));
    }

    private List<TeamId> auditorScope() {
        var user = id();
        return perRequest("demarc.auditor-scope." + user.value(), () -> List.copyOf(directory.auditorScope(user)));
    }

    @SuppressWarnings("unchecked")
    private static <T> T perRequest(String key, Supplier<T> load) {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        if (request == null) {
            return load.get();
        }
        var cached = (T) request.getAttribute(key, RequestAttributes.SCOPE_REQUEST);
        if (cached == null) {
            cached = load.get();
            request.setAttribute(key, cached, RequestAttributes.SCOPE_REQUEST);
        }
        return cached;
    }
}
