package com.demarc.coverage.ui;

import com.demarc.coverage.Coverage;
import com.demarc.coverage.CoverageService;
import com.demarc.coverage.GapQuery;
import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import org.jspecify.annotations.Nullable;

import java.util.List;
import java.util.Locale;

/**
 * The dashboard's gaps piece: the four daily lists (unowned, missing evidence, expiring, overdue) to switch between,
 * and the one list the address asks for — one of them or a drill-down from another piece (a bar, a segment, a card).
 */
class GapsPiece extends Composite<VerticalLayout> {
    static final List<GapQuery.Kind> LISTS = List.of(GapQuery.Kind.UNOWNED, GapQuery.Kind.MISSING_EVIDENCE,
            GapQuery.Kind.EXPIRING_OR_EXPIRED, GapQuery.Kind.OVERDUE);

    GapsPiece(CoverageService coverage, Coverage overall, GapQuery query, @Nullable String label) {
        var layout = getContent();
        layout.setPadding(false);
        var lists = new HorizontalLayout();
        lists.setWrap(true);
        lists.setId("gap-lists");
        for (GapQuery.Kind kind : LISTS) {
            var button = new Button(kind.label() + " (" + gapCount(overall, kind) + ")", e -> DashboardLinks.open(GapQuery.of(kind), null));
            button.setId("gaps-" + kind.name().toLowerCase(Locale.ROOT).replace('_', '-'));
            boolean current = !query.narrowed() && query.kind() == kind;
            button.addThemeVariants(current ? ButtonVariant.LUMO_PRIMARY : ButtonVariant.LUMO_TERTIARY);
            button.getElement().setAttribute("aria-pressed", String.valueOf(current));
            lists.add(button);
        }
        String heading = query.kind().label() + (label == null ? "" : ": " + label);
        // the counts of the four whole lists come from the rollups the dashboard read already: no count over every row
        Integer known = query.narrowed() ? null : switch (query.kind()) {
            case UNOWNED, MISSING_EVIDENCE, EXPIRING_OR_EXPIRED, OVERDUE, NOT_COVERED, NOT_IMPLEMENTED, NO_EVIDENCE,
                 ATTESTATION_MISSING -> gapCount(overall, query.kind());
            case FAILING_CHECK -> null;
        };
        layout.add(lists, new GapsPanel(coverage, query, heading, known));
    }

    /** The count of a whole list (no slice) from the overall rollup. */
    static int gapCount(Coverage overall, GapQuery.Kind kind) {
        return switch (kind) {
            case UNOWNED -> overall.unowned();
            case MISSING_EVIDENCE -> overall.noEvidence() + overall.attestationMissing();
            case EXPIRING_OR_EXPIRED -> overall.expiring() + overall.expired();
            case OVERDUE -> overall.overdue();
            case NOT_COVERED -> overall.applicable() - overall.covered();
            case NOT_IMPLEMENTED -> overall.notImplemented();
            case NO_EVIDENCE -> overall.noEvidence();
            case ATTESTATION_MISSING -> overall.attestationMissing();
            case FAILING_CHECK -> overall.failingCheck();
        };
    }
}
