package com.demarc.coverage.ui;

import com.demarc.coverage.Dashboard;
import com.demarc.coverage.GapQuery;
import com.demarc.organization.TeamId;
import com.demarc.project.ProjectId;
import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Coverage of projects (or, at scale, the least-covered teams) × domains: a heat map and its table; a cell opens its gaps. */
class HeatMapPanel extends Composite<VerticalLayout> {

    HeatMapPanel(Dashboard.HeatMap heat) {
        boolean byTeam = heat.by() == Dashboard.HeatMap.By.TEAM;
        String rowHeader = byTeam ? "Team" : "Project";
        var names = new ArrayList<>(new TreeSet<>(heat.cells().stream().map(Dashboard.HeatCell::name).toList()));
        var domains = new ArrayList<>(new TreeSet<>(heat.cells().stream().map(Dashboard.HeatCell::domainCode).toList()));
        List<Object> cells = new ArrayList<>();
        for (var c : heat.cells()) {
            if (c.applicable() > 0) {
                cells.add(List.of(domains.indexOf(c.domainCode()), names.indexOf(c.name()), c.percent()));
            }
        }
        var chart = new Chart("heatmap-chart", Math.max(200, 80 + 30 * names.size()) + "px");
        chart.setOption(Map.of("animation", false, "tooltip", Map.of("position", "top"),
                "grid", Map.of("left", 8, "right", 16, "top", 8, "bottom", 56, "containLabel", true),
                "xAxis", Map.of("type", "category", "data", domains),
                "yAxis", Map.of("type", "category", "data", names),
                "visualMap", Map.of("min", 0, "max", 100, "calculable", false, "orient", "horizontal", "left", "center",
                        "text", List.of("100 % covered", "0 %"), "itemWidth", 14,
                        "bottom", 0, "inRange", Map.of("color", List.of("#c0392b", "#f1c40f", "#2e8b57"))),
                "series", List.of(Map.of("name", "Coverage %", "type", "heatmap", "data", cells,
                        "label", Map.of("show", true)))));
        chart.addClickListener(e -> heat.cells().stream().filter(c -> c.domainCode().equals(e.name())).findFirst()
                .ifPresent(c -> DashboardLinks.open(GapQuery.of(GapQuery.Kind.NOT_COVERED).withDomain(c.domainCode()),
                        "domain " + c.domainCode())));
        var grid = new Grid<Dashboard.HeatCell>();
        grid.setId("heatmap-table");
        grid.addColumn(Dashboard.HeatCell::name).setHeader(rowHeader);
        grid.addColumn(Dashboard.HeatCell::domainCode).setHeader("Domain");
        grid.addColumn(Dashboard.HeatCell::applicable).setHeader("Applicable");
        grid.addColumn(Dashboard.HeatCell::covered).setHeader("Covered");
        grid.addColumn(c -> c.percent() < 0 ? "—" : c.percent() + " %").setHeader("Coverage");
        grid.setItems(heat.cells());
        grid.setHeight("16rem");
        grid.addItemClickListener(e -> {
            var c = e.getItem();
            var q = GapQuery.of(GapQuery.Kind.NOT_COVERED).withDomain(c.domainCode());
            DashboardLinks.open(byTeam ? q.withTeam(new TeamId(c.id())) : q.withProject(new ProjectId(c.id())),
                    c.name() + " · " + c.domainCode());
        });
        List<List<Object>> rows = new ArrayList<>();
        heat.cells().forEach(c -> rows.add(List.of(c.name(), c.domainCode(), c.applicable(), c.covered(), Math.max(c.percent(), 0))));
        var box = getContent();
        box.add(new H3(rowHeader + " × domain"));
        if (byTeam) {
            var note = new Paragraph("With " + heat.of() + " teams' projects in view, this map shows the " + heat.rows()
                    + " least-covered teams; the Teams tab lists them all.");
            note.setId("heatmap-note");
            box.add(note);
        }
        var legend = new Paragraph("Each cell: the share of applicable project controls covered in that domain, red at 0 %, "
                + "yellow at 50 %, green at 100 % (the scale under the map); an empty cell: nothing applies there.");
        legend.setId("heatmap-legend");
        box.add(chart, legend, grid, TableExport.links("heatmap", () ->
                new TableExport.Table("coverage-heatmap", List.of(rowHeader, "Domain", "Applicable", "Covered", "Coverage %"), rows)));
        box.setPadding(false);
    }
}
