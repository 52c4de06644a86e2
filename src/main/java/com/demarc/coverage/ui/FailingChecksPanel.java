package com.demarc.coverage.ui;

import com.demarc.coverage.CoverageService;
import com.demarc.coverage.FailingCheck;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** The failing-checks gap list: failing, unsuppressed checks of the projects in scope, paged lazily, most failing first. */
class FailingChecksPanel extends VerticalLayout {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    FailingChecksPanel(CoverageService coverage) {
        setPadding(false);
        var grid = new Grid<FailingCheck>();
        grid.setId("failing-checks");
        grid.addComponentColumn(f -> new Anchor("checks/" + f.projectId().value(), f.projectName())).setHeader("Project").setAutoWidth(true);
        grid.addColumn(FailingCheck::teamName).setHeader("Team").setAutoWidth(true);
        grid.addColumn(FailingCheck::checkId).setHeader("Check").setAutoWidth(true);
        grid.addColumn(f -> String.join(", ", f.controlCodes())).setHeader("Controls").setAutoWidth(true);
        grid.addColumn(FailingCheck::resourcesFailing).setHeader("Failing").setAutoWidth(true);
        grid.addColumn(f -> String.join(", ", f.failingResources())).setHeader("Failing resources").setFlexGrow(3);
        grid.addColumn(f -> WHEN.format(f.lastObserved())).setHeader("Last seen").setAutoWidth(true);
        grid.setItems(q -> coverage.failingChecks(q.getOffset(), q.getLimit()).stream(), q -> coverage.countFailingChecks());
        grid.setAllRowsVisible(true);
        add(grid);
    }
}
