package com.demarc.coverage.ui;

import com.demarc.coverage.CoverageService;
import com.demarc.coverage.ui.DashboardLinks.Piece;
import com.demarc.shared.Actors;
import com.demarc.shared.Role;
import com.demarc.shared.ui.Notices;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.tabs.Tab;
import com.vaadin.flow.component.tabs.Tabs;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * Coverage against the AWS model for management, in pieces (issue 19): overview, by owner and domain, teams, gaps,
 * failing checks, trend. Only the open piece is built; leaving it releases it (one open dashboard used to hold seven
 * charts and their tables: 356–620 KB of server heap per tab). The open piece and drill-down live in the address, so
 * Back returns to them.
 */
@Route(DashboardLinks.ROUTE)
@PageTitle("Coverage")
@Menu(title = "Coverage dashboard", order = 5, icon = "vaadin:chart")
@PermitAll
class DashboardView extends VerticalLayout implements BeforeEnterObserver {
    private final CoverageService coverage;
    private final Tabs tabs = new Tabs();
    private final Map<Piece, Tab> tabOf = new EnumMap<>(Piece.class);
    private final Div content = new Div();

    DashboardView(CoverageService coverage) {
        this.coverage = coverage;
        setId("dashboard");
        addClassName("dashboard");
        for (Piece piece : Piece.values()) {
            var tab = new Tab(piece.label);
            tab.setId(piece == Piece.FAILING_CHECKS ? "failing-checks-tab" : "piece-" + piece.param());
            tabOf.put(piece, tab);
            tabs.add(tab);
        }
        tabs.addSelectedChangeListener(e -> {
            if (e.isFromClient()) {
                tabOf.forEach((piece, tab) -> {
                    if (tab == e.getSelectedTab()) {
                        DashboardLinks.open(piece);
                    }
                });
            }
        });
        tabs.setWidthFull();
        content.setWidthFull();
        content.setId("dashboard-piece");
        add(actions(), tabs, content);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        var params = event.getLocation().getQueryParameters();
        var piece = Piece.of(DashboardLinks.one(params, "tab"));
        tabs.setSelectedTab(tabOf.get(piece));
        // the piece left behind is dropped with its charts and grids: nothing of it stays in the session
        content.removeAll();
        content.add(build(piece, params));
        content.getElement().setAttribute("data-piece", piece.param());
    }

    private Component build(Piece piece, com.vaadin.flow.router.QueryParameters params) {
        return switch (piece) {
            case OVERVIEW -> new OverviewPiece(coverage, coverage.dashboard());
            case OWNER_DOMAIN -> new OwnerDomainPiece(coverage.dashboard());
            case TEAMS -> new TeamsPiece(coverage.dashboard());
            case GAPS -> new GapsPiece(coverage, coverage.dashboard().overall(), DashboardLinks.query(params),
                    DashboardLinks.one(params, "label"));
            case FAILING_CHECKS -> new FailingChecksPanel(coverage);
            case TREND -> new com.vaadin.flow.component.html.Div(new TrendPanel(coverage.trend()),
                    new CheckTrendPanel(coverage.checkTrend()));
        };
    }

    private HorizontalLayout actions() {
        var actions = new HorizontalLayout();
        actions.add(new Button("Print", VaadinIcon.PRINT.create(), e -> getUI().ifPresent(ui -> ui.getPage().executeJs("window.print()"))));
        if (Actors.current().map(u -> u.hasRole(Role.MANAGER) || u.hasRole(Role.ADMIN)).orElse(false)) {
            actions.add(new Button("Take snapshot now", VaadinIcon.CAMERA.create(), e -> {
                Notices.success(coverage.snapshotNow().message());
                getUI().ifPresent(ui -> ui.getPage().reload());
            }));
        }
        actions.addClassName("no-print");
        return actions;
    }

    static String ownerLabel(String owner) {
        return switch (owner) {
            case "CUSTOMER" -> "Customer";
            case "SHARED" -> "Shared";
            case "AWS" -> "AWS (inherited)";
            default -> owner.toLowerCase(Locale.ROOT);
        };
    }
}
