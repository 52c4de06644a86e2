package com.demarc.project;

import com.demarc.organization.TeamId;
import com.demarc.project.internal.ProjectRepository;
import com.demarc.security.CurrentUser;
import com.demarc.shared.Role;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;

/**
 * The scope half of every project check (the permission half is {@code @PreAuthorize}): managers may change every
 * project, members only their teams' projects; admins, managers and auditors read all, members their teams'.
 */
@Component
public class ProjectAccess {
    private final CurrentUser currentUser;
    private final ProjectRepository projects;

    ProjectAccess(CurrentUser currentUser, ProjectRepository projects) {
        this.currentUser = currentUser;
        this.projects = projects;
    }

    /** The teams whose projects the user may see, or empty for "all teams". */
    public Optional<List<Long>> visibleTeams() {
        if (currentUser.seesAllTeams()) {
            return Optional.empty();
        }
        return Optional.of(currentUser.teams().stream().map(TeamId::value).toList());
    }

    public void requireRead(ProjectId project) {
        long team = projects.teamOf(project).orElseThrow(() -> new AccessDeniedException("No such project."));
        if (!currentUser.seesAllTeams() && !currentUser.teams().contains(new TeamId(team))) {
            throw new AccessDeniedException("This project belongs to another team.");
        }
    }

    public void requireEdit(ProjectId project) {
        long team = projects.teamOf(project).orElseThrow(() -> new AccessDeniedException("No such project."));
        requireEditTeam(new TeamId(team));
    }

    public void requireEditTeam(TeamId team) {
        var user = currentUser.require();
        if (user.hasRole(Role.MANAGER)) {
            return;
        }
        if (user.hasRole(Role.MEMBER) && currentUser.teams().contains(team)) {
            return;
        }
        throw new AccessDeniedException("You can only change projects of your own teams.");
    }

    public boolean canEdit(ProjectId project) {
        try {
            requireEdit(project);
            return true;
        } catch (AccessDeniedException e) {
            return false;
        }
    }

    /** Teams the user may create projects for (managers: null = any). */
    public Optional<List<TeamId>> editableTeams() {
        var user = currentUser.require();
        if (user.hasRole(Role.MANAGER)) {
            return Optional.empty();
        }
        return Optional.of(user.hasRole(Role.MEMBER) ? currentUser.teams() : List.of());
    }
}
