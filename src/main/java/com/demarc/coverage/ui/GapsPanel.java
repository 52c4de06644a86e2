package com.demarc.coverage.ui;

import com.demarc.coverage.CoverageService;
import com.demarc.coverage.CoverageState;
import com.demarc.coverage.Gap;
import com.demarc.coverage.GapQuery;
import com.demarc.shared.ui.Badge;
import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.QueryParameters;
import org.jspecify.annotations.Nullable;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A lazy list of the project controls behind a number, with due date and Accountable; a click (or Enter) on a row
 * goes where the fix is: the RACI of an unowned control, the upload of missing evidence, the status of an overdue one.
 */
class GapsPanel extends Composite<VerticalLayout> {
    private final CoverageService coverage;
    private final GapQuery query;

    /** @param known the number of gaps when the caller has it from the rollups, else null (counted) */
    GapsPanel(CoverageService coverage, GapQuery query, String heading, @Nullable Integer known) {
        this.coverage = coverage;
        this.query = query;
        var layout = getContent();
        layout.setPadding(false);
        layout.setId("drill");
        var grid = new Grid<Gap>();
        grid.setId("drill-grid");
        grid.addColumn(Gap::project).setHeader("Project").setAutoWidth(true);
        grid.addColumn(Gap::team).setHeader("Team").setAutoWidth(true);
        grid.addColumn(Gap::code).setHeader("Control").setAutoWidth(true);
        grid.addColumn(Gap::title).setHeader("Title").setFlexGrow(2);
        grid.addColumn(g -> g.owner().label()).setHeader("Owner").setAutoWidth(true);
        grid.addColumn(Badge.renderer(g -> g.state().label(), g -> g.state() == CoverageState.COVERED ? "owner-aws" : "unowned"))
                .setHeader("State").setAutoWidth(true);
        grid.addColumn(g -> g.dueDate() == null ? "—" : g.dueDate().toString()).setHeader("Due").setAutoWidth(true);
        grid.addColumn(g -> g.accountable() == null ? "nobody" : g.accountable()).setHeader("Accountable").setAutoWidth(true);
        grid.addColumn(g -> String.join(", ", flags(g))).setHeader("Flags").setAutoWidth(true);
        grid.addColumn(g -> fix(query.kind(), g).label()).setHeader("Fix").setAutoWidth(true);
        int total = known != null ? known : coverage.countGaps(query);
        grid.setItems(q -> coverage.gaps(query, q.getOffset(), q.getLimit()).stream(), q -> total);
        com.demarc.shared.ui.GridRows.open(grid, item -> open(fix(query.kind(), item), item));
        grid.setHeight("28rem");
        var title = new H3(heading);
        title.setId("drill-title");
        var count = new Paragraph(total + " control(s). Click one to fix it: "
                + "unowned ones open their RACI, missing evidence its upload, overdue ones their status.");
        count.setId("drill-count");
        layout.add(title, count, grid, TableExport.links("drill", this::table));
    }

    /** Where the fix of a gap is, by the list it is in first (an overdue one is overdue whatever else it lacks). */
    enum Fix {
        RACI("Assign RACI"), UPLOAD("Upload evidence"), STATUS("Set status"), CHECKS("See checks");

        private final String label;

        Fix(String label) {
            this.label = label;
        }

        String label() {
            return label;
        }
    }

    static Fix fix(GapQuery.Kind list, Gap g) {
        return switch (list) {
            case OVERDUE -> Fix.STATUS;
            case MISSING_EVIDENCE, EXPIRING_OR_EXPIRED, NO_EVIDENCE, ATTESTATION_MISSING -> Fix.UPLOAD;
            case UNOWNED -> Fix.RACI;
            case FAILING_CHECK -> Fix.CHECKS;
            case NOT_COVERED, NOT_IMPLEMENTED -> switch (g.state()) {
                case UNOWNED -> Fix.RACI;
                case NOT_IMPLEMENTED -> Fix.STATUS;
                case FAILING_CHECK -> Fix.CHECKS;
                default -> Fix.UPLOAD;
            };
        };
    }

    private void open(Fix fix, Gap g) {
        getUI().ifPresent(ui -> {
            switch (fix) {
                // the raci and evidence modules' pages, by address: coverage depends on neither's UI
                case RACI, STATUS -> ui.navigate("projects/" + g.projectId().value(), QueryParameters.simple(Map.of(
                        "control", String.valueOf(g.projectControlId()), "fix", fix.name().toLowerCase(Locale.ROOT))));
                case UPLOAD -> ui.navigate("evidence/" + g.projectControlId(), QueryParameters.simple(Map.of("fix", "upload")));
                case CHECKS -> ui.navigate("control-checks/" + g.projectControlId());
            }
        });
    }

    private TableExport.Table table() {
        List<List<Object>> rows = new ArrayList<>();
        int offset = 0;
        while (true) {
            var page = coverage.gaps(query, offset, 1000);
            page.forEach(g -> rows.add(List.of(g.project(), g.team(), g.code(), g.title(), g.owner().label(), g.state().label(),
                    g.dueDate() == null ? "" : g.dueDate().toString(), g.accountable() == null ? "" : g.accountable(),
                    String.join(", ", flags(g)))));
            if (page.size() < 1000) {
                break;
            }
            offset += page.size();
        }
        return new TableExport.Table("gaps-" + query.kind().name().toLowerCase(Locale.ROOT),
                List.of("Project", "Team", "Control", "Title", "Owner", "State", "Due", "Accountable", "Flags"), rows);
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
