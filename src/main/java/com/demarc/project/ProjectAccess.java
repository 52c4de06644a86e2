package com.demarc.project;

import com.demarc.organization.TeamId;
import com.demarc.organization.TeamScope;
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
    private final org.springframework.context.ApplicationEventPublisher events;

    ProjectAccess(CurrentUser currentUser, ProjectRepository projects,
                  org.springframework.context.ApplicationEventPublisher events) {
        this.currentUser = currentUser;
        this.projects = projects;
        this.events = events;
    }

    private AccessDeniedException denied(String message, String what) {
        events.publishEvent(new com.demarc.shared.AccessDenied(com.demarc.shared.Actors.currentUsername(), what));
        return new AccessDeniedException(message);
    }

    /** The teams whose projects the user may see. */
    public TeamScope visibleTeams() {
        return currentUser.seesAllTeams() ? TeamScope.all() : TeamScope.only(currentUser.teams());
    }

    public void requireRead(ProjectId project) {
        long team = projects.teamOf(project).orElseThrow(() -> new AccessDeniedException("No such project."));
        if (!currentUser.seesAllTeams() && !currentUser.teams().contains(new TeamId(team))) {
            throw denied("This project belongs to another team.", "read project " + project.value());
        }
    }

    public void requireEdit(ProjectId project) {
        long team = projects.teamOf(project).orElseThrow(() -> new AccessDeniedException("No such project."));
        requireEditTeam(new TeamId(team));
    }

    /** {@link #requireEdit} for many projects with one query (bulk RACI, templates). */
    public void requireEditAll(java.util.Collection<ProjectId> ids) {
        var teams = projects.teamsOf(ids);
        if (teams.size() < new java.util.HashSet<>(ids).size()) {
            throw new AccessDeniedException("No such project.");
        }
        teams.values().stream().distinct().sorted().forEach(team -> requireEditTeam(new TeamId(team)));
    }

    /** {@link #requireRead} for many projects with one query. */
    public void requireReadAll(java.util.Collection<ProjectId> ids) {
        var teams = projects.teamsOf(ids);
        if (teams.size() < new java.util.HashSet<>(ids).size()) {
            throw new AccessDeniedException("No such project.");
        }
        if (!currentUser.seesAllTeams()) {
            for (var entry : teams.entrySet()) {
                if (!currentUser.teams().contains(new TeamId(entry.getValue()))) {
                    throw denied("This project belongs to another team.", "read project " + entry.getKey());
                }
            }
        }
    }

    public void requireEditTeam(TeamId team) {
        if (!mayEdit(team)) {
            throw denied("You can only change projects of your own teams.", "change a project of team " + team.value());
        }
    }

    private boolean mayEdit(TeamId team) {
        var user = currentUser.require();
        return user.hasRole(Role.MANAGER) || (user.hasRole(Role.MEMBER) && currentUser.memberTeams().contains(team));
    }

    /** For showing or hiding edit controls: no audit entry, since nothing was attempted. */
    public boolean canEdit(ProjectId project) {
        return projects.teamOf(project).map(t -> mayEdit(new TeamId(t))).orElse(false);
    }

    /** Teams the user may create projects for (managers: null = any). */
    public Optional<List<TeamId>> editableTeams() {
        var user = currentUser.require();
        if (user.hasRole(Role.MANAGER)) {
            return Optional.empty();
        }
        return Optional.of(user.hasRole(Role.MEMBER) ? currentUser.memberTeams() : List.of());
    }
}
