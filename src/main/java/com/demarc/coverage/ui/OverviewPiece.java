package com.demarc.coverage.ui;

import com.demarc.catalog.Owner;
import com.demarc.coverage.Coverage;
import com.demarc.coverage.CoverageService;
import com.demarc.coverage.Dashboard;
import com.demarc.coverage.GapQuery;
import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;

import java.util.List;
import java.util.Locale;

/** The dashboard's first piece: coverage overall and per owner column (cards, a chart and its table). */
class OverviewPiece extends Composite<VerticalLayout> {

    OverviewPiece(CoverageService coverage, Dashboard d) {
        var layout = getContent();
        layout.setPadding(false);
        layout.setId("overview");
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
            var label = DashboardView.ownerLabel(c.key());
            var card = new Div(new Span(label), new H3(c.percent() + " %"), new Span(c.covered() + " of " + c.applicable() + " covered"));
            card.addClassNames("half", "owner-card");
            card.setId("owner-" + c.key().toLowerCase(Locale.ROOT));
            card.addClickListener(e -> DashboardLinks.open(notCoveredOf(c), label));
            cards.add(card);
        }
        layout.add(overall, overallText, automated, cards,
                new CoveragePanel("by-owner", "Customer / shared / AWS", relabel(d.byOwner()), OverviewPiece::notCoveredOf));
    }

    static GapQuery notCoveredOf(Coverage ownerRow) {
        return GapQuery.of(GapQuery.Kind.NOT_COVERED).withOwner(Owner.valueOf(ownerRow.key()));
    }

    private static List<Coverage> relabel(List<Coverage> byOwner) {
        return byOwner.stream().map(c -> new Coverage(c.key(), DashboardView.ownerLabel(c.key()), c.applicable(), c.covered(),
                c.unowned(), c.notImplemented(), c.noEvidence(), c.attestationMissing(), c.expiring(), c.overdue(), c.expired())).toList();
    }
}
