package com.demarc.coverage.ui;

import com.demarc.coverage.CoverageService;
import com.demarc.coverage.Gap;
import com.demarc.coverage.GapQuery;
import com.demarc.shared.ui.Badge;
import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;

import java.util.ArrayList;
import java.util.List;

/** A lazy list of the project controls behind a number; each row opens the control to fix it. */
class GapsPanel extends Composite<VerticalLayout> {
    private final CoverageService coverage;
    private final Grid<Gap> grid = new Grid<>();
    private final H3 title = new H3();
    private final Paragraph count = new Paragraph();
    private GapQuery query;
    private Integer knownCount;

    GapsPanel(CoverageService coverage, String id, GapQuery initial, Integer initialCount) {
        this.coverage = coverage;
        var layout = getContent();
        layout.setPadding(false);
        layout.setId(id);
        grid.setId(id + "-grid");
        grid.addColumn(Gap::project).setHeader("Project").setAutoWidth(true);
        grid.addColumn(Gap::team).setHeader("Team").setAutoWidth(true);
        grid.addColumn(Gap::code).setHeader("Control").setAutoWidth(true);
        grid.addColumn(Gap::title).setHeader("Title").setFlexGrow(2);
        grid.addColumn(g -> g.owner().label()).setHeader("Owner").setAutoWidth(true);
        grid.addColumn(Badge.renderer(g -> g.state().label(), g -> g.state().name().equals("COVERED") ? "owner-aws" : "unowned"))
                .setHeader("State").setAutoWidth(true);
        grid.addColumn(g -> String.join(", ", flags(g))).setHeader("Flags").setAutoWidth(true);
        // the count usually comes from the rollups the dashboard read already: counting hundreds of thousands of rows
        // for a scrollbar would cost more than the page itself
        grid.setItems(q -> query == null ? java.util.stream.Stream.empty() : coverage.gaps(query, q.getOffset(), q.getLimit()).stream(),
                q -> query == null ? 0 : knownCount != null ? knownCount : coverage.countGaps(query));
        com.demarc.shared.ui.GridRows.open(grid, item -> getUI().ifPresent(ui -> ui.navigate("evidence/" + item.projectControlId())));
        grid.setHeight("24rem");
        layout.add(title, count, grid, TableExport.links(id, this::table));
        if (initial != null) {
            show(initial, initial.kind().label(), initialCount);
        }
    }

    /** Shows the gaps of {@code next}; {@code known} is their number when the caller has it (from rollups), else null. */
    void show(GapQuery next, String heading, Integer known) {
        query = next;
        knownCount = known;
        title.setText(heading);
        count.setText((known != null ? known : coverage.countGaps(next)) + " control(s). Click one to fix it.");
        grid.getDataProvider().refreshAll();
        setVisible(true);
    }

    private TableExport.Table table() {
        List<List<Object>> rows = new ArrayList<>();
        int offset = 0;
        while (true) {
            var page = coverage.gaps(query, offset, 1000);
            page.forEach(g -> rows.add(List.of(g.project(), g.team(), g.code(), g.title(), g.owner().label(), g.state().label(),
                    String.join(", ", flags(g)))));
            if (page.size() < 1000) {
                break;
            }
            offset += page.size();
        }
        return new TableExport.Table("gaps-" + query.kind().name().toLowerCase(java.util.Locale.ROOT),
                List.of("Project", "Team", "Control", "Title", "Owner", "State", "Flags"), rows);
    }

    private static List<String> flags(Gap g) {
        var flags = new ArrayList<String>();
        if (g.expired()) {
            flags.add("evidence expired");
        }
        if (g.expiring()) {
            flags.add("evidence expiring");
        }
        if (g.overdue()) {
            flags.add("overdue");
        }
        return flags;
    }
}
