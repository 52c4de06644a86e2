package com.demarc.coverage.ui;

import com.demarc.catalog.Owner;
import com.demarc.organization.TeamId;
import com.demarc.project.ProjectId;
import com.demarc.coverage.Coverage;
import com.demarc.coverage.CoverageService;
import com.demarc.coverage.Dashboard;
import com.demarc.coverage.GapQuery;
import com.demarc.coverage.TrendPoint;
import com.demarc.shared.Actors;
import com.demarc.shared.Role;
import com.demarc.shared.ui.Notices;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.tabs.TabSheet;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Coverage against the AWS model for management: overall and per owner column (customer / shared / AWS), the 13-row
 * model summary, by domain and team, a project × domain heat map, gap lists, the trend — every chart with its table,
 * every table exportable, every number clickable down to the controls behind it.
 */
@Route("dashboard")
@PageTitle("Coverage")
@Menu(title = "Coverage dashboard", order = 5, icon = "vaadin:chart")
@PermitAll
class DashboardView extends VerticalLayout {
    private final CoverageService coverage;
    private final Div drillBox = new Div();
    private GapsPanel drill;

    DashboardView(CoverageService coverage) {
        this.coverage = coverage;
        setId("dashboard");
        addClassName("dashboard");
        Dashboard d = coverage.dashboard();
        drillBox.setWidthFull();

        var actions = new HorizontalLayout();
        var print = new Button("Print", VaadinIcon.PRINT.create(), e -> getUI().ifPresent(ui -> ui.getPage().executeJs("window.print()")));
        actions.add(print);
        if (Actors.current().map(u -> u.hasRole(Role.MANAGER) || u.hasRole(Role.ADMIN)).orElse(false)) {
            actions.add(new Button("Take snapshot now", VaadinIcon.CAMERA.create(), e -> {
                Notices.success(coverage.snapshotNow().message());
                getUI().ifPresent(ui -> ui.getPage().reload());
            }));
        }
        actions.addClassName("no-print");

        var overall = new H2(d.overall().percent() + " % covered");
        overall.setId("overall-percent");
        var overallText = new Paragraph(d.overall().covered() + " of " + d.overall().applicable()
                + " applicable project controls are covered: owned, implemented and backed by accepted, unexpired evidence "
                + "(AWS-owned: a valid AWS attestation).");
        overallText.setId("overall-text");
        var share = coverage.automatedShare();
        var automated = new Paragraph("Automated: " + share.percent() + " % of covered customer and shared controls ("
                + share.coveredByAutomation() + " by passing AWS checks, " + share.coveredByManualOnly()
                + " by manual evidence only); checks now " + share.passingChecks() + " passing, " + share.failingChecks()
                + " failing.");
        automated.setId("automated-share");
        var cards = new FlexLayout();
        cards.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        cards.getStyle().set("gap", "var(--lumo-space-m)");
        for (Coverage c : d.byOwner()) {
            var card = new Div(new Span(ownerLabel(c.key())), new H3(c.percent() + " %"),
                    new Span(c.covered() + " of " + c.applicable() + " covered"));
            card.addClassNames("half", "owner-card");
            card.setId("owner-" + c.key().toLowerCase(java.util.Locale.ROOT));
            card.addClickListener(e -> drillTo(GapQuery.of(GapQuery.Kind.NOT_COVERED).withOwner(Owner.valueOf(c.key())),
                    "Not covered: " + ownerLabel(c.key()), notCovered(c)));
            cards.add(card);
        }

        var gapTabs = new TabSheet();
        gapTabs.setWidthFull();
        // a tab's list is built when the tab is first opened: four lists nobody looked at would cost every session
        Map<com.vaadin.flow.component.tabs.Tab, Runnable> fill = new LinkedHashMap<>();
        for (GapQuery.Kind kind : List.of(GapQuery.Kind.UNOWNED, GapQuery.Kind.MISSING_EVIDENCE,
                GapQuery.Kind.EXPIRING_OR_EXPIRED, GapQuery.Kind.OVERDUE)) {
            var query = GapQuery.of(kind);
            var holder = new Div();
            holder.setWidthFull();
            var tab = gapTabs.add(kind.label() + " (" + gapCount(d.overall(), kind) + ")", holder);
            fill.put(tab, () -> {
                if (holder.getComponentCount() == 0) {
                    holder.add(new GapsPanel(coverage, "gaps-" + kind.name().toLowerCase(java.util.Locale.ROOT), query,
                            gapCount(d.overall(), kind)));
                }
            });
        }
        var failingHolder = new Div();
        failingHolder.setWidthFull();
        var failingTab = gapTabs.add("Failing checks (" + coverage.countFailingChecks() + ")", failingHolder);
        failingTab.setId("failing-checks-tab");
        fill.put(failingTab, () -> {
            if (failingHolder.getComponentCount() == 0) {
                failingHolder.add(new FailingChecksPanel(coverage));
            }
        });
        gapTabs.addSelectedChangeListener(e -> fill.getOrDefault(e.getSelectedTab(), () -> { }).run());
        fill.getOrDefault(gapTabs.getSelectedTab(), () -> { }).run();

        add(actions, overall, overallText, automated, cards,
                new CoveragePanel("by-owner", "Customer / shared / AWS", relabel(d.byOwner()),
                        c -> drillTo(GapQuery.of(GapQuery.Kind.NOT_COVERED).withOwner(Owner.valueOf(c.key())), "Not covered: " + c.label(), notCovered(c))),
                new CoveragePanel("by-summary", "AWS model summary", d.bySummaryRow(),
                        c -> drillTo(GapQuery.of(GapQuery.Kind.NOT_COVERED).withSummaryRow(c.key()), "Not covered: " + c.label(), notCovered(c))),
                new CoveragePanel("by-domain", "By domain", d.byDomain(),
                        c -> drillTo(GapQuery.of(GapQuery.Kind.NOT_COVERED).withDomain(c.key()), "Not covered: " + c.label(), notCovered(c))),
                new CoveragePanel("by-team", "By team", d.byTeam(),
                        c -> drillTo(GapQuery.of(GapQuery.Kind.NOT_COVERED).withTeam(new TeamId(Long.parseLong(c.key()))), "Not covered: " + c.label(), notCovered(c))),
                heatMap(d), trend(), new H3("Gaps"), gapTabs, drillBox);
    }

    /** The gap tabs' counts come from the rollups the dashboard already read: no count over every row. */
    static int gapCount(Coverage overall, GapQuery.Kind kind) {
        return switch (kind) {
            case UNOWNED -> overall.unowned();
            case MISSING_EVIDENCE -> overall.noEvidence() + overall.attestationMissing();
            case EXPIRING_OR_EXPIRED -> overall.expiring() + overall.expired();
            case OVERDUE -> overall.overdue();
            case NOT_COVERED -> overall.applicable() - overall.covered();
            // the rollups have no column for it: what is applicable and in no other state
            case FAILING_CHECK -> overall.applicable() - overall.covered() - overall.unowned() - overall.notImplemented()
                    - overall.noEvidence() - overall.attestationMissing();
        };
    }

    private static Integer notCovered(Coverage c) {
        return c.applicable() - c.covered();
    }

    private void drillTo(GapQuery query, String heading, Integer known) {
        if (drill == null) {
            // the drill-down list appears when a number is clicked (an organisation's full "not covered" list up
            // front would be the most expensive thing on the page and the least read)
            drill = new GapsPanel(coverage, "drill", null, null);
            drillBox.add(drill);
        }
        drill.show(query, heading, known);
        drill.getElement().callJsFunction("scrollIntoView");
    }

    private VerticalLayout heatMap(Dashboard d) {
        var heat = d.heatMap();
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
                .ifPresent(c -> drillTo(GapQuery.of(GapQuery.Kind.NOT_COVERED).withDomain(c.domainCode()),
                        "Not covered in domain " + c.domainCode(), null)));
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
            drillTo(byTeam ? GapQuery.of(GapQuery.Kind.NOT_COVERED).withTeam(new TeamId(c.id())).withDomain(c.domainCode())
                            : GapQuery.of(GapQuery.Kind.NOT_COVERED).withProject(new ProjectId(c.id())).withDomain(c.domainCode()),
                    "Not covered: " + c.name() + " · " + c.domainCode(), c.applicable() - c.covered());
        });
        List<List<Object>> rows = new ArrayList<>();
        heat.cells().forEach(c -> rows.add(List.of(c.name(), c.domainCode(), c.applicable(), c.covered(), Math.max(c.percent(), 0))));
        var title = new H3(rowHeader + " × domain");
        var box = new VerticalLayout(title);
        if (byTeam) {
            var note = new Paragraph("With " + heat.of() + " teams' projects in view, this map shows the " + heat.rows()
                    + " least-covered teams; the By team table above lists them all.");
            note.setId("heatmap-note");
            box.add(note);
        }
        var legend = new Paragraph("Each cell: the share of applicable project controls covered in that domain, red at 0 %, "
                + "yellow at 50 %, green at 100 % (the scale under the map); an empty cell: nothing applies there.");
        legend.setId("heatmap-legend");
        box.add(chart, legend, grid, TableExport.links("heatmap", () ->
                new TableExport.Table("coverage-heatmap", List.of(rowHeader, "Domain", "Applicable", "Covered", "Coverage %"), rows)));
        box.setPadding(false);
        return box;
    }

    private VerticalLayout trend() {
        List<TrendPoint> points = coverage.trend();
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
        byOwner.forEach((owner, values) -> series.add(Map.of("name", ownerLabel(owner), "type", "line", "data", values)));
        chart.setOption(Map.of("animation", false, "tooltip", Map.of("trigger", "axis"), "legend", Map.of("top", 0),
                "grid", Map.of("left", 8, "right", 16, "top", 32, "bottom", 8, "containLabel", true),
                "xAxis", Map.of("type", "category", "data", days), "yAxis", Map.of("type", "value", "min", 0, "max", 100),
                "series", series));
        var grid = new Grid<TrendPoint>();
        grid.setId("trend-table");
        grid.addColumn(TrendPoint::day).setHeader("Day");
        grid.addColumn(p -> ownerLabel(p.owner())).setHeader("Owner");
        grid.addColumn(TrendPoint::applicable).setHeader("Applicable");
        grid.addColumn(TrendPoint::covered).setHeader("Covered");
        grid.setItems(points);
        grid.setHeight("12rem");
        List<List<Object>> rows = new ArrayList<>();
        points.forEach(p -> rows.add(List.of(p.day().toString(), ownerLabel(p.owner()), p.applicable(), p.covered())));
        var box = new VerticalLayout(new H3("Trend (last 90 days, daily snapshots)"), chart, grid,
                TableExport.links("trend", () -> new TableExport.Table("coverage-trend", List.of("Day", "Owner", "Applicable", "Covered"), rows)));
        box.setPadding(false);
        return box;
    }

    private static List<Coverage> relabel(List<Coverage> byOwner) {
        return byOwner.stream().map(c -> new Coverage(c.key(), ownerLabel(c.key()), c.applicable(), c.covered(), c.unowned(),
                c.notImplemented(), c.noEvidence(), c.attestationMissing(), c.expiring(), c.overdue(), c.expired())).toList();
    }

    static String ownerLabel(String owner) {
        return switch (owner) {
            case "CUSTOMER" -> "Customer";
            case "SHARED" -> "Shared";
            case "AWS" -> "AWS (inherited)";
            default -> owner;
        };
    }
}
