package com.demarc.support;

import com.demarc.catalog.AwsService;
import com.demarc.catalog.CatalogService;
import com.demarc.organization.OrganizationService;
import com.demarc.organization.Team;
import com.demarc.organization.TeamId;
import com.demarc.organization.UserDirectory;
import com.demarc.project.ControlQuery;
import com.demarc.project.Project;
import com.demarc.project.ProjectControl;
import com.demarc.project.ProjectDraft;
import com.demarc.project.ProjectService;
import com.demarc.raci.Assignee;
import com.demarc.raci.RaciEntry;
import com.demarc.raci.RaciRole;
import com.demarc.raci.RaciService;
import com.demarc.shared.Actors;
import com.demarc.shared.Role;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/** Builds test projects through the real services (as a system manager), so tests start from real data. */
@Component
public class Fixtures {
    private final ProjectService projects;
    private final CatalogService catalog;
    private final OrganizationService organization;
    // absent in module tests (ApplicationModuleTest) of modules that do not depend on raci
    private final org.springframework.beans.factory.ObjectProvider<RaciService> raci;
    private final org.springframework.beans.factory.ObjectProvider<UserDirectory> users;

    Fixtures(ProjectService projects, CatalogService catalog, OrganizationService organization,
             org.springframework.beans.factory.ObjectProvider<RaciService> raci,
             org.springframework.beans.factory.ObjectProvider<UserDirectory> users) {
        this.projects = projects;
        this.catalog = catalog;
        this.organization = organization;
        this.raci = raci;
        this.users = users;
    }

    /**
     * SRM-IAM-05 of a new Payments project (on EC2) with alice Accountable and the Payments team Responsible: the row
     * the evidence flows start from (alice may upload to it, the manager reviews it).
     */
    public ProjectControl aliceAccountable(String namePrefix) {
        ProjectControl row = row(project("Payments", namePrefix, "EC2"), "SRM-IAM-05");
        Actors.runAsSystem(Set.of(Role.MANAGER), () -> {
            var alice = users.getObject().findForLogin("alice").orElseThrow();
            raci.getObject().setRaci(row.id(), row.version(), List.of(
                    new RaciEntry(RaciRole.A, Assignee.person(alice.id(), alice.displayName())),
                    new RaciEntry(RaciRole.R, Assignee.team(team("Payments"), "Payments (team)"))));
        });
        return row;
    }

    public TeamId team(String name) {
        var ref = new AtomicReference<TeamId>();
        Actors.runAsSystem(Set.of(Role.MANAGER), () -> ref.set(organization.findTeams().stream()
                .filter(t -> t.name().equals(name)).map(Team::id).findFirst().orElseThrow()));
        return ref.get();
    }

    public Project project(String team, String namePrefix, String... serviceCodes) {
        var ref = new AtomicReference<Project>();
        Actors.runAsSystem(Set.of(Role.MANAGER), () -> {
            var ids = catalog.services().stream().filter(s -> List.of(serviceCodes).contains(s.code()))
                    .map(AwsService::id).collect(Collectors.toSet());
            ref.set(projects.create(new ProjectDraft(team(team), namePrefix + " " + UUID.randomUUID().toString().substring(0, 6),
                    "test project", List.of(), ids)));
        });
        return ref.get();
    }

    /** A row of a new project of this team (on EC2), for tests that need one fresh project control. */
    public ProjectControl freshRow(String team, String code) {
        return row(project(team, "Fresh", "EC2"), code);
    }

    public ProjectControl row(Project project, String code) {
        var ref = new AtomicReference<ProjectControl>();
        Actors.runAsSystem(Set.of(Role.MANAGER), () -> ref.set(projects.controls(
                new ControlQuery(project.id(), null, null, null, null, code), 0, 5).stream()
                .filter(c -> c.data().code().equals(code)).findFirst().orElseThrow()));
        return ref.get();
    }
}
