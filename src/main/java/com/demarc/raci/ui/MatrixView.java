package com.demarc.raci.ui;

import com.demarc.catalog.CatalogService;
import com.demarc.organization.OrganizationService;
import com.demarc.organization.Team;
import com.demarc.project.ProjectService;
import com.demarc.raci.RaciService;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;

import java.util.stream.Collectors;

/** The RACI matrix across all projects of a team (or all teams the user sees), with bulk assignment. */
@Route("matrix")
@PageTitle("RACI matrix")
@Menu(title = "RACI matrix", order = 12, icon = "vaadin:grid-small")
@PermitAll
class MatrixView extends VerticalLayout {

    MatrixView(RaciService raci, ProjectService projects, CatalogService catalog, OrganizationService organization) {
        setSizeFull();
        var team = new Select<Team>();
        team.setLabel("Team");
        team.setId("matrix-team");
        var visible = projects.visibleTeams();
        team.setItems(organization.teamDirectory().stream()
                .filter(t -> visible.includes(t.id())).toList());
        team.setItemLabelGenerator(t -> t == null ? "All teams" : t.name());
        team.setEmptySelectionAllowed(true);
        team.setEmptySelectionCaption("All teams");
        var matrix = new RaciMatrix(raci, projects, catalog, organization, true);
        var people = new com.vaadin.flow.component.html.Anchor("", "This team as a matrix: people across");
        people.setId("team-people-matrix-link");
        people.setVisible(false);
        team.addValueChangeListener(e -> {
            matrix.showTeam(e.getValue() == null ? null : e.getValue().id());
            people.setVisible(e.getValue() != null);
            if (e.getValue() != null) {
                people.setHref("matrix/people?team=" + e.getValue().id().value());
            }
        });
        var bulk = new Button("Assign A or R to selected…", VaadinIcon.USERS.create(), e -> {
            var selected = matrix.selected();
            new BulkAssignDialog(raci, organization,
                    selected.stream().map(r -> r.control().data().projectId()).collect(Collectors.toSet()),
                    selected.stream().map(r -> r.control().data().teamId()).collect(Collectors.toSet()),
                    selected.stream().map(r -> r.control().data().code()).collect(Collectors.toSet()), matrix::refresh).open();
        });
        bulk.setId("matrix-bulk");
        // bulk assignment needs RACI:EDIT (the service checks it again, and the projects' scope)
        boolean mayAssign = com.demarc.shared.Actors.current().map(u -> u.getAuthorities().stream()
                .anyMatch(a -> com.demarc.shared.Permissions.RACI_EDIT.equals(a.getAuthority()))).orElse(false);
        var bar = new HorizontalLayout(team, people);
        if (mayAssign) {
            matrix.enableSelection();
            bar.add(bulk);
        }
        bar.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        add(bar, matrix);
        matrix.showTeam(null);
    }
}
