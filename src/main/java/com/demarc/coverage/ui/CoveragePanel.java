package com.demarc.coverage.ui;


import com.demarc.coverage.Coverage;
import com.demarc.coverage.GapQuery;
import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One breakdown of coverage: a stacked bar chart, the same numbers as a table, CSV/XLSX export. A table row opens the
 * row's not-covered list; a chart segment opens exactly that segment (the red part of a bar: its unowned controls).
 */
class CoveragePanel extends Composite<VerticalLayout> {
    static final int CHART_ROWS = 25;
    private static final List<String> SERIES = List.of("Covered", "Unowned", "Not implemented", "No valid evidence",
            "Failing check", "No valid attestation");
    /** The gap list behind each series, in {@link #SERIES} order (covered controls are no gap). */
    private static final List<GapQuery.Kind> SERIES_KIND = List.of(GapQuery.Kind.NOT_COVERED, GapQuery.Kind.UNOWNED,
            GapQuery.Kind.NOT_IMPLEMENTED, GapQuery.Kind.NO_EVIDENCE, GapQuery.Kind.FAILING_CHECK,
            GapQuery.Kind.ATTESTATION_MISSING);
    private static final List<String> COLOURS = List.of("#2e8b57", "#c0392b", "#e67e22", "#f1c40f", "#a93226", "#8e44ad");

    /** @param scope the not-covered list of one row (the panel narrows it to a segment's kind) */
    CoveragePanel(String id, String title, List<Coverage> data, java.util.function.Function<Coverage, GapQuery> scope) {
        Consumer<Coverage> onDrill = c -> DashboardLinks.open(scope.apply(c), c.label());
        var layout = getContent();
        layout.setPadding(false);
        layout.setId(id);
        layout.addClassName("coverage-panel");

        // a chart of hundreds of bars reads as nothing: above CHART_ROWS, it shows the least-covered ones (the table has all)
        var charted = data.size() <= CHART_ROWS ? data : data.stream().filter(c -> c.applicable() > 0)
                .sorted(java.util.Comparator.comparingDouble((Coverage c) -> (double) c.covered() / c.applicable()))
                .limit(CHART_ROWS).toList();
        var chart = new Chart(id + "-chart", Math.max(160, 60 + 28 * charted.size()) + "px");
        chart.setOption(option(charted));
        chart.addClickListener(e -> data.stream().filter(c -> c.label().equals(e.name())).findFirst().ifPresent(c -> {
            int series = SERIES.indexOf(e.series());
            if (series > 0) {
                DashboardLinks.open(scope.apply(c).withKind(SERIES_KIND.get(series)), c.label());
            } else {
                onDrill.accept(c); // the green part: what of this row is still not covered
            }
        }));

        com.vaadin.flow.component.Component table;
        if (data.size() <= CHART_ROWS) {
            table = htmlTable(id + "-table", title, data, onDrill);
        } else {
            // hundreds of teams: a grid that sends only the rows in view
            var grid = new Grid<Coverage>();
            grid.setId(id + "-table");
            grid.addColumn(Coverage::label).setHeader(title).setFlexGrow(3);
            grid.addColumn(Coverage::applicable).setHeader("Applicable").setAutoWidth(true);
            grid.addColumn(Coverage::covered).setHeader("Covered").setAutoWidth(true);
            grid.addColumn(c -> c.percent() + " %").setHeader("Coverage").setAutoWidth(true);
            grid.addColumn(Coverage::unowned).setHeader("Unowned").setAutoWidth(true);
            grid.addColumn(Coverage::notImplemented).setHeader("Not implemented").setAutoWidth(true);
            grid.addColumn(Coverage::noEvidence).setHeader("No evidence").setAutoWidth(true);
            grid.addColumn(Coverage::failingCheck).setHeader("Failing check").setAutoWidth(true);
            grid.addColumn(Coverage::attestationMissing).setHeader("No attestation").setAutoWidth(true);
            grid.addColumn(Coverage::expiring).setHeader("Expiring").setAutoWidth(true);
            grid.addColumn(Coverage::overdue).setHeader("Overdue").setAutoWidth(true);
            grid.setItems(data);
            grid.setHeight("24rem");
            com.demarc.shared.ui.GridRows.open(grid, onDrill::accept);
            table = grid;
        }

        layout.add(new H3(title));
        if (charted.size() < data.size()) {
            var note = new Paragraph("The chart shows the " + charted.size() + " least covered of " + data.size() + "; the table lists all.");
            note.setId(id + "-note");
            layout.add(note);
        }
        layout.add(chart, table, TableExport.links(id, () -> table(title, data)));
    }

    private static final List<String> HEADERS = List.of("Applicable", "Covered", "Coverage", "Unowned", "Not implemented",
            "No evidence", "Failing check", "No attestation", "Expiring", "Overdue");

    /**
     * A breakdown of a few rows as a plain HTML table: one element for the whole table instead of a grid's component
     * per column (a dashboard of grids cost every session hundreds of KB). A click or Enter on a row drills down.
     */
    private static com.vaadin.flow.component.html.Div htmlTable(String id, String title, List<Coverage> data, Consumer<Coverage> onDrill) {
        var html = new StringBuilder("<table><thead><tr><th scope=\"col\">")
                .append(escape(title)).append("</th>");
        HEADERS.forEach(h -> html.append("<th scope=\"col\">").append(h).append("</th>"));
        html.append("</tr></thead><tbody>");
        for (Coverage c : data) {
            html.append("<tr tabindex=\"0\" data-key=\"").append(escape(c.key())).append("\"><td>").append(escape(c.label())).append("</td>");
            for (Object v : List.of(c.applicable(), c.covered(), c.percent() + " %", c.unowned(), c.notImplemented(),
                    c.noEvidence(), c.failingCheck(), c.attestationMissing(), c.expiring(), c.overdue())) {
                html.append("<td>").append(v).append("</td>");
            }
            html.append("</tr>");
        }
        html.append("</tbody></table>");
        // innerHTML of our own markup, every text escaped above (Vaadin's Html component would strip data-key)
        var table = new com.vaadin.flow.component.html.Div();
        table.addClassName("breakdown-table");
        table.getElement().setProperty("innerHTML", html.toString());
        table.setId(id);
        Consumer<String> drill = key -> data.stream().filter(c -> c.key().equals(key)).findFirst().ifPresent(onDrill);
        String rowKey = "event.target.closest('tr') && event.target.closest('tr').dataset.key";
        table.getElement().addEventListener("click", e -> drill.accept(e.getEventData().get(rowKey).asString(null)))
                .addEventData(rowKey);
        table.getElement().addEventListener("keydown", e -> drill.accept(e.getEventData().get(rowKey).asString(null)))
                .addEventData(rowKey).setFilter("event.key === 'Enter'");
        return table;
    }

    private static String escape(String text) {
        var sb = new StringBuilder(text.length() + 16);
        for (char ch : text.toCharArray()) {
            switch (ch) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(ch);
            }
        }
        return sb.toString();
    }

    static TableExport.Table table(String title, List<Coverage> data) {
        List<List<Object>> rows = new ArrayList<>();
        for (Coverage c : data) {
            rows.add(List.of(c.label(), c.applicable(), c.covered(), c.percent(), c.unowned(), c.notImplemented(),
                    c.noEvidence(), c.failingCheck(), c.attestationMissing(), c.expiring(), c.overdue()));
        }
        return new TableExport.Table("coverage-" + title.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-"),
                List.of(title, "Applicable", "Covered", "Coverage %", "Unowned", "Not implemented", "No evidence",
                        "Failing check", "No attestation", "Expiring", "Overdue"), rows);
    }

    private static Map<String, Object> option(List<Coverage> data) {
        var labels = data.stream().map(Coverage::label).toList();
        List<Object> series = new ArrayList<>();
        for (int s = 0; s < SERIES.size(); s++) {
            final int index = s;
            series.add(Map.of("name", SERIES.get(s), "type", "bar", "stack", "total", "itemStyle", Map.of("color", COLOURS.get(s)),
                    "data", data.stream().map(c -> (Object) switch (index) {
                        case 0 -> c.covered();
                        case 1 -> c.unowned();
                        case 2 -> c.notImplemented();
                        case 3 -> c.noEvidence();
                        case 4 -> c.failingCheck();
                        default -> c.attestationMissing();
                    }).toList()));
        }
        return Map.of(
                "animation", false,
                "tooltip", Map.of("trigger", "axis", "axisPointer", Map.of("type", "shadow")),
                "legend", Map.of("top", 0),
                "grid", Map.of("left", 8, "right", 16, "top", 32, "bottom", 8, "containLabel", true),
                "xAxis", Map.of("type", "value"),
                "yAxis", Map.of("type", "category", "inverse", true, "data", labels,
                        "axisLabel", Map.of("width", 260, "overflow", "truncate")),
                "series", series);
    }
}
