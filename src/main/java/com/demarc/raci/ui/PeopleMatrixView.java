package com.demarc.raci.ui;

import com.demarc.organization.OrganizationService;
import com.demarc.organization.TeamId;
import com.demarc.project.ControlQuery;
import com.demarc.project.ProjectId;
import com.demarc.project.ProjectService;
import com.demarc.raci.Assignee;
import com.demarc.raci.MatrixQuery;
import com.demarc.raci.RaciService;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;
import org.springframework.security.access.AccessDeniedException;

import java.util.ArrayList;
import java.util.List;

/**
 * A project's or a team's RACI as a matrix ({@code matrix/people?project=ID} or {@code ?team=ID}): controls down,
 * the team's members, its compliance managers and the team itself across. Read-only for those who may not assign.
 */
@Route("matrix/people")
@PermitAll
class PeopleMatrixView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {
    private final RaciService raci;
    private final ProjectService projects;
    private final OrganizationService organization;
    private String title = "RACI matrix";

    PeopleMatrixView(RaciService raci, ProjectService projects, OrganizationService organization) {
        this.raci = raci;
        this.projects = projects;
        this.organization = organization;
        setSizeFull();
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        removeAll();
        var params = event.getLocation().getQueryParameters();
        try {
            var project = params.getSingleParameter("project").map(Long::valueOf).map(ProjectId::new).orElse(null);
            var team = params.getSingleParameter("team").map(Long::valueOf).map(TeamId::new).orElse(null);
            if (project != null) {
                var p = projects.project(project);
                render(p.name(), p.teamId(), p.teamName(), project, null, mayAssign() && projects.canEdit(project),
                        new Anchor("projects/" + project.value(), "← " + p.name()));
                return;
            }
            if (team != null && projects.visibleTeams().includes(team)) {
                var t = organization.teamDirectory().stream().filter(x -> x.id().equals(team)).findFirst().orElseThrow();
                render(t.name() + " (all projects)", team, t.name(), null, team,
                        mayAssign() && projects.editableTeams().map(l -> l.contains(team)).orElse(true),
                        new Anchor("matrix", "← RACI matrix"));
                return;
            }
        } catch (NumberFormatException | AccessDeniedException | java.util.NoSuchElementException e) {
            // fall through: the same words for "no such" and "not yours"
        }
        add(new H2("Matrix not available"), new Paragraph("Open the matrix from a project page or pick a team on the "
                + "RACI matrix page. Projects of teams you are not in are not shown."), new Anchor("matrix", "RACI matrix"));
    }

    private void render(String name, TeamId team, String teamName, ProjectId project, TeamId teamScope, boolean editable,
                        Anchor back) {
        title = "RACI matrix · " + name;
        var heading = new H2("RACI matrix · " + name);
        heading.setId("people-matrix-title");
        List<Assignee> across = new ArrayList<>(organization.ownersFor(List.of(team)).stream()
                .map(u -> Assignee.person(u.id(), u.displayName())).toList());
        across.add(Assignee.team(team, teamName + " (team)"));
        var text = new TextField();
        text.setPlaceholder("Code or title");
        text.setPrefixComponent(VaadinIcon.SEARCH.create());
        text.setValueChangeMode(ValueChangeMode.LAZY);
        text.setClearButtonVisible(true);
        text.setId("people-matrix-filter");
        var unowned = new Checkbox("Unowned only");
        var matrix = new PeopleMatrix(raci, projects, across, () -> new MatrixQuery(new ControlQuery(project, teamScope,
                null, null, null, text.getValue()), unowned.getValue()), editable);
        text.addValueChangeListener(e -> matrix.refresh());
        unowned.addValueChangeListener(e -> matrix.refresh());
        var help = new Paragraph(editable
                ? "Click a cell, or move with the arrow keys and press R, A, C or I (Delete clears, Enter cycles). "
                + "Columns: members of " + teamName + " and compliance managers (who may be Responsible or "
                + "Accountable here), and the team. Giving someone A moves the Accountable to them."
                : "Read-only: you may view this RACI but not change it.");
        help.setId("people-matrix-help");
        var bar = new HorizontalLayout(back, text, unowned);
        bar.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        add(heading, help, bar, matrix);
        setFlexGrow(1, matrix);
    }

    /** RACI:EDIT (the service checks it again, with the project's scope). */
    private static boolean mayAssign() {
        return com.demarc.shared.Actors.current().map(u -> u.getAuthorities().stream()
                .anyMatch(a -> com.demarc.shared.Permissions.RACI_EDIT.equals(a.getAuthority()))).orElse(false);
    }

    @Override
    public String getPageTitle() {
        return title;
    }
}
