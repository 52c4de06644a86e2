package com.demarc.raci.internal;

import com.demarc.organization.OrganizationService;
import com.demarc.organization.Team;
import com.demarc.organization.UserDirectory;
import com.demarc.project.ControlQuery;
import com.demarc.project.Project;
import com.demarc.project.ProjectControl;
import com.demarc.project.ProjectService;
import com.demarc.project.Status;
import com.demarc.raci.Assignee;
import com.demarc.raci.RaciEntry;
import com.demarc.raci.RaciRole;
import com.demarc.raci.RaciService;
import com.demarc.shared.Actors;
import com.demarc.shared.Role;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Demo RACI and statuses (profile {@code demo} only): on the first project of each demo team, the member is
 * Accountable and their team Responsible for most identity and data controls, so "my responsibilities", the matrix
 * and the dashboards have something to show — and some controls stay unowned on purpose. Runs only on projects
 * that have no RACI yet.
 */
@Component
@Profile("demo")
@Order(30)
class DemoRaciData implements ApplicationRunner {
    private final ProjectService projects;
    private final RaciService raci;
    private final RaciRepository repository;
    private final UserDirectory users;
    private final OrganizationService organization;

    DemoRaciData(ProjectService projects, RaciService raci, RaciRepository repository, UserDirectory users,
                 OrganizationService organization) {
        this.projects = projects;
        this.raci = raci;
        this.repository = repository;
        this.users = users;
        this.organization = organization;
    }

    @Override
    public void run(ApplicationArguments args) {
        Actors.runAsSystem(Set.of(Role.MANAGER), () -> {
            var teams = organization.findTeams().stream().collect(Collectors.toMap(Team::name, t -> t));
            seed("Checkout API", "alice", teams.get("Payments"));
            seed("Data Lake", "bob", teams.get("Data Platform"));
        });
    }

    private void seed(String projectName, String member, Team team) {
        if (team == null) {
            return;
        }
        Project project = projects.findProjects(projectName, false, 0, 10).stream()
                .filter(p -> p.name().equals(projectName)).findFirst().orElse(null);
        var person = users.findForLogin(member);
        var manager = users.findForLogin("manager");
        if (project == null || person.isEmpty() || manager.isEmpty()) {
            return;
        }
        var rows = projects.controls(new ControlQuery(project.id(), null, null, null, null, null), 0, 500);
        var current = repository.assignments(rows.stream().map(ProjectControl::id).toList());
        if (current.values().stream().anyMatch(l -> !l.isEmpty())) {
            return;
        }
        var a = Assignee.person(person.get().id(), person.get().displayName());
        var r = Assignee.team(team.id(), team.name() + " (team)");
        var c = Assignee.person(manager.get().id(), manager.get().displayName());
        int n = 0;
        for (ProjectControl row : rows) {
            if (!row.needsRaci()) {
                continue;
            }
            n++;
            if (n % 4 == 0) {
                continue; // every fourth customer/shared control stays unowned
            }
            List<RaciEntry> entries = new ArrayList<>(List.of(new RaciEntry(RaciRole.A, a), new RaciEntry(RaciRole.R, r)));
            if (row.data().domainCode().equals("IAM")) {
                entries.add(new RaciEntry(RaciRole.C, c));
            }
            raci.setRaci(row.id(), row.version(), entries);
            var fresh = projects.control(row.id());
            Status status = switch (n % 5) {
                case 1 -> Status.IMPLEMENTED;
                case 2 -> Status.IN_PROGRESS;
                default -> Status.NOT_STARTED;
            };
            var due = n % 7 == 3 ? projects.today().minusDays(10) : n % 3 == 0 ? projects.today().plusDays(30) : null;
            projects.setStatus(row.id(), fresh.version(), status, null, due, "");
        }
    }
}
