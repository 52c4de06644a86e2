package com.demarc.security;

import com.demarc.organization.TeamId;
import com.demarc.organization.UserDirectory;
import com.demarc.organization.UserId;
import com.demarc.shared.Actors;
import com.demarc.shared.DemarcUser;
import com.demarc.shared.Role;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

import java.util.List;

/** The signed-in user and their scope, for the scope checks services make on top of permissions. */
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
        return user.hasRole(Role.AUDITOR) && directory.auditorScope(id()).isEmpty();
    }

    /** The teams the user is a member of (what editing is scoped to). */
    public List<TeamId> memberTeams() {
        return directory.teamsOf(id());
    }

    /** The teams whose projects the user may read: their memberships, plus an auditor's scope. */
    public List<TeamId> teams() {
        var teams = new java.util.LinkedHashSet<>(directory.teamsOf(id()));
        if (require().hasRole(Role.AUDITOR)) {
            teams.addAll(directory.auditorScope(id()));
        }
        return List.copyOf(teams);
    }
}
