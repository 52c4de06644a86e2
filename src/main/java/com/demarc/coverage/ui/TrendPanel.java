package com.demarc.coverage.ui;

import com.demarc.coverage.TrendPoint;
import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** The dashboard's trend piece: the last 90 days of daily snapshots per owner column, as a line chart and a table. */
class TrendPanel extends Composite<VerticalLayout> {

    TrendPanel(List<TrendPoint> points) {
        var days = new ArrayList<>(new TreeSet<>(points.stream().map(p -> p.day().toString()).toList()));
        Map<String, List<Object>> byOwner = new LinkedHashMap<>();
        for (String owner : List.of("CUSTOMER", "SHARED", "AWS")) {
            List<Object> values = new ArrayList<>();
            for (String day : days) {
                values.add(points.stream().filter(p -> p.owner().equals(owner) && p.day().toString().equals(day)).findFirst()
                        .map(p -> p.applicable() == 0 ? 0 : Math.round(100.0 * p.covered() / p.applicable())).orElse(null));
            }
            byOwner.put(owner, values);
        }
        var chart = new Chart("trend-chart", "260px");
        List<Object> series = new ArrayList<>();
        byOwner.forEach((owner, values) -> series.add(Map.of("name", DashboardView.ownerLabel(owner), "type", "line", "data", values)));
        chart.setOption(Map.of("animation", false, "tooltip", Map.of("trigger", "axis"), "legend", Map.of("top", 0),
                "grid", Map.of("left", 8, "right", 16, "top", 32, "bottom", 8, "containLabel", true),
                "xAxis", Map.of("type", "category", "data", days), "yAxis", Map.of("type", "value", "min", 0, "max", 100),
                "series", series));
        var grid = new Grid<TrendPoint>();
        grid.setId("trend-table");
        grid.addColumn(TrendPoint::day).setHeader("Day");
        grid.addColumn(p -> DashboardView.ownerLabel(p.owner())).setHeader("Owner");
        grid.addColumn(TrendPoint::applicable).setHeader("Applicable");
        grid.addColumn(TrendPoint::covered).setHeader("Covered");
        grid.setItems(points);
        grid.setHeight("12rem");
        List<List<Object>> rows = new ArrayList<>();
        points.forEach(p -> rows.add(List.of(p.day().toString(), DashboardView.ownerLabel(p.owner()), p.applicable(), p.covered())));
        getContent().add(new H3("Trend (last 90 days, daily snapshots)"), chart, grid,
                TableExport.links("trend", () -> new TableExport.Table("coverage-trend", List.of("Day", "Owner", "Applicable", "Covered"), rows)));
        getContent().setPadding(false);
    }
}
