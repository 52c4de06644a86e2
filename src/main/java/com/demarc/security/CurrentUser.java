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

    /** Managers, admins and auditors see every team; members only their own teams. */
    public boolean seesAllTeams() {
        var user = require();
        return user.hasRole(Role.MANAGER) || user.hasRole(Role.ADMIN) || user.hasRole(Role.AUDITOR);
    }

    public List<TeamId> teams() {
        return directory.teamsOf(id());
    }
}
