package com.demarc.raci.ui;

import com.demarc.organization.OrganizationService;
import com.demarc.project.EvidenceState;
import com.demarc.project.ProjectControlId;
import com.demarc.project.ProjectService;
import com.demarc.raci.RaciRole;
import com.demarc.raci.RaciService;
import com.demarc.raci.Responsibility;
import com.demarc.shared.ui.Badge;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.tabs.TabSheet;
import com.vaadin.flow.data.provider.SortDirection;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;

import java.util.Comparator;
import java.util.stream.Collectors;

/** The start page: every project control the user is Responsible or Accountable for (C and I in a second tab). */
@Route("")
@PageTitle("My responsibilities")
@Menu(title = "My responsibilities", order = 0, icon = "vaadin:clipboard-check")
@PermitAll
class MyResponsibilitiesView extends VerticalLayout {
    private final RaciService raci;
    private final ProjectService projects;
    private final OrganizationService organization;

    MyResponsibilitiesView(RaciService raci, ProjectService projects, OrganizationService organization,
                           java.util.List<com.demarc.shared.ui.StartPageSection> sections) {
        this.raci = raci;
        this.projects = projects;
        this.organization = organization;
        setSizeFull();
        setId("my-responsibilities");
        var me = organization.myAccount();
        var greeting = new Paragraph("Welcome, " + me.displayName() + ". These are the controls you own, directly or "
                + "through your teams (" + (me.teamNames().isEmpty() ? "none" : String.join(", ", me.teamNames()))
                + "). Click one to record its status.");
        greeting.setId("welcome");
        var tabs = new TabSheet();
        tabs.setSizeFull();
        // the counts in one query; the first list's grid takes its first count from here too
        var counts = raci.myResponsibilityCounts();
        tabs.add("Responsible or Accountable (" + counts.responsibleOrAccountable() + ")",
                grid(true, "mine-ra", counts.responsibleOrAccountable()));
        // the second list is built when its tab is first opened: most visits never open it, and every built grid
        // stays in the session
        var consulted = new com.vaadin.flow.component.html.Div();
        consulted.setSizeFull();
        var ciTab = tabs.add("Consulted or Informed (" + counts.consultedOrInformed() + ")", consulted);
        tabs.addSelectedChangeListener(e -> {
            if (e.getSelectedTab() == ciTab && consulted.getComponentCount() == 0) {
                consulted.add(grid(false, "mine-ci", -1)); // opened later: counted then
            }
        });
        add(greeting);
        // letters in projects the user cannot open (given before they left a team, or C/I across teams) are not rows
        // they could open: said in words, outside the counts (issue 19: "(49)" and 7 blank rows)
        int elsewhere = counts.elsewhere();
        if (elsewhere > 0) {
            var note = new Paragraph(elsewhere + " more control(s) in projects of teams you are not in name you "
                    + "Responsible or Accountable. You cannot open them: ask a compliance manager to reassign them or to "
                    + "add you to the team.");
            note.setId("mine-elsewhere");
            add(note);
        }
        // other modules' asks (evidence: rejected uploads with the reviewer's comment)
        sections.forEach(s -> s.section().ifPresent(this::add));
        add(tabs);
    }

    /**
     * What a row shows, and nothing more: a session keeps the rows in view, so a full register row (owner reason,
     * notes…) per line would cost every signed-in user memory for nothing. A click loads the row itself.
     */
    private record Row(long id, String project, String code, String title, String roles, String status,
                       String statusStyle, String due, boolean overdue, EvidenceState evidence) {
        static Row of(Responsibility r) {
            var c = r.control();
            return new Row(c.id().value(), c.data().projectName(), c.data().code(), c.data().title(),
                    r.roles().stream().sorted(Comparator.comparing(Enum::ordinal)).map(RaciRole::name).collect(Collectors.joining(", ")),
                    c.data().status().label(), "status-" + c.data().status().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'),
                    c.data().dueDate() == null ? "—" : c.data().dueDate() + (r.overdue() ? " (overdue)" : ""), r.overdue(), r.evidence());
        }
    }

    /** @param firstCount the list's row count just read, for the grid's first count (later ones ask again) */
    private Grid<Row> grid(boolean ra, String id, int firstCount) {
        var grid = new Grid<Row>();
        grid.setId(id);
        grid.addColumn(Row::project).setHeader("Project").setSortable(true).setKey("project").setAutoWidth(true);
        grid.addColumn(Row::code).setHeader("Code").setSortable(true).setKey("code").setAutoWidth(true);
        grid.addColumn(Row::title).setHeader("Control").setFlexGrow(4).setWidth("16rem");
        grid.addColumn(Row::roles).setHeader("You are").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(Badge.renderer(Row::status, Row::statusStyle))
                .setHeader("Status").setSortable(true).setKey("status").setAutoWidth(true);
        grid.addColumn(Badge.text(Row::due, r -> r.overdue() ? "overdue" : "", r -> ""))
                .setHeader("Due").setSortable(true).setKey("due").setAutoWidth(true);
        grid.addColumn(r -> r.evidence().label()).setHeader("Evidence").setAutoWidth(true);
        int[] first = {firstCount};
        grid.setItems(q -> {
            String sort = "due";
            boolean asc = true;
            if (!q.getSortOrders().isEmpty()) {
                sort = q.getSortOrders().get(0).getSorted();
                asc = q.getSortOrders().get(0).getDirection() == SortDirection.ASCENDING;
            }
            return raci.myResponsibilities(ra, sort, asc, q.getOffset(), q.getLimit()).stream().map(Row::of);
        }, q -> {
            if (first[0] >= 0) {
                int count = first[0];
                first[0] = -1;
                return count;
            }
            return raci.countMyResponsibilities(ra);
        });
        com.demarc.shared.ui.GridRows.open(grid, item -> ControlEditorDialog.open(projects, raci, organization,
                projects.control(new ProjectControlId(item.id())), item.evidence(), () -> grid.getDataProvider().refreshAll()));
        grid.setSizeFull();
        grid.setPageSize(25); // a screenful or two; every row sent stays in the session until scrolled away
        return grid;
    }
}
