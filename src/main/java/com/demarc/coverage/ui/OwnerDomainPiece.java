package com.demarc.coverage.ui;

import com.demarc.coverage.Dashboard;
import com.demarc.coverage.GapQuery;
import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;

/** The dashboard's breakdowns piece: the AWS model's 13 summary rows, the domains and the project (or team) × domain map. */
class OwnerDomainPiece extends Composite<VerticalLayout> {

    OwnerDomainPiece(Dashboard d) {
        getContent().setPadding(false);
        getContent().add(
                new CoveragePanel("by-summary", "AWS model summary", d.bySummaryRow(),
                        c -> GapQuery.of(GapQuery.Kind.NOT_COVERED).withSummaryRow(c.key())),
                new CoveragePanel("by-domain", "By domain", d.byDomain(),
                        c -> GapQuery.of(GapQuery.Kind.NOT_COVERED).withDomain(c.key())),
                new HeatMapPanel(d.heatMap()));
    }
}
