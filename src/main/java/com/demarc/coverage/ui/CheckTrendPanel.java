package com.demarc.coverage.ui;

import com.demarc.coverage.CheckTrendPoint;
import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The trend of passing AWS checks per import day: a line chart, the same numbers as a table, CSV/XLSX export. */
class CheckTrendPanel extends Composite<VerticalLayout> {

    CheckTrendPanel(List<CheckTrendPoint> points) {
        var layout = getContent();
        layout.setPadding(false);
        layout.setId("check-trend");
        layout.add(new H3("Passing AWS checks (last 90 days, per import day)"));
        if (points.isEmpty()) {
            var none = new Paragraph("No Security Hub or AWS Config results were imported in the last 90 days.");
            none.setId("check-trend-empty");
            layout.add(none);
            return;
        }
        var chart = new Chart("check-trend-chart", "220px");
        chart.setOption(Map.of("animation", false, "tooltip", Map.of("trigger", "axis"), "legend", Map.of("top", 0),
                "grid", Map.of("left", 8, "right", 16, "top", 32, "bottom", 8, "containLabel", true),
                "xAxis", Map.of("type", "category", "data", points.stream().map(p -> p.day().toString()).toList()),
                "yAxis", Map.of("type", "value", "min", 0, "max", 100),
                "series", List.of(Map.of("name", "Passing checks %", "type", "line",
                        "data", points.stream().map(CheckTrendPoint::percent).toList()))));
        var grid = new Grid<CheckTrendPoint>();
        grid.setId("check-trend-table");
        grid.addColumn(CheckTrendPoint::day).setHeader("Day");
        grid.addColumn(CheckTrendPoint::passed).setHeader("Passed");
        grid.addColumn(CheckTrendPoint::failed).setHeader("Failed");
        grid.addColumn(CheckTrendPoint::checks).setHeader("Checks");
        grid.addColumn(p -> p.percent() + " %").setHeader("Passing");
        grid.setItems(points);
        grid.setHeight("12rem");
        layout.add(new Paragraph("Each day counts the newest result of every check imported by then; the share is of "
                + "the checks that passed or failed (warnings and not evaluated ones aside)."), chart, grid,
                TableExport.links("check-trend", () -> table(points)));
    }

    static TableExport.Table table(List<CheckTrendPoint> points) {
        List<List<Object>> rows = new ArrayList<>();
        points.forEach(p -> rows.add(List.of(p.day().toString(), p.passed(), p.failed(), p.checks(), p.percent())));
        return new TableExport.Table("check-trend", List.of("Day", "Passed", "Failed", "Checks", "Passing %"), rows);
    }
}
