package com.demarc.coverage.ui;

import com.demarc.catalog.Owner;
import com.demarc.coverage.GapQuery;
import com.demarc.organization.TeamId;
import com.demarc.project.ProjectId;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.router.QueryParameters;
import org.jspecify.annotations.Nullable;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The dashboard's state in its address: which piece is open and, for the gaps, which list ({@code ?tab=gaps&kind=
 * unowned&owner=customer&label=Customer}). Every drill-down is a navigation, so the browser's Back returns to it and
 * a link to it can be shared.
 */
final class DashboardLinks {
    static final String ROUTE = "dashboard";

    private DashboardLinks() {
    }

    /** The pieces of the dashboard, each built only while open. */
    enum Piece {
        OVERVIEW("Overview"), OWNER_DOMAIN("By owner and domain"), TEAMS("Teams"), GAPS("Gaps"),
        FAILING_CHECKS("Failing checks"), TREND("Trend");

        final String label;

        Piece(String label) {
            this.label = label;
        }

        String param() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        static Piece of(@Nullable String param) {
            for (Piece p : values()) {
                if (p.param().equals(param)) {
                    return p;
                }
            }
            return OVERVIEW;
        }
    }

    static QueryParameters piece(Piece piece) {
        return piece == Piece.OVERVIEW ? QueryParameters.empty() : QueryParameters.simple(Map.of("tab", piece.param()));
    }

    /** The address of one gap list; {@code label} names the slice in the heading ("Customer", "Payments · IAM"). */
    static QueryParameters gaps(GapQuery q, @Nullable String label) {
        var map = new LinkedHashMap<String, String>();
        map.put("tab", Piece.GAPS.param());
        map.put("kind", q.kind().name().toLowerCase(Locale.ROOT));
        if (q.owner() != null) {
            map.put("owner", q.owner().name().toLowerCase(Locale.ROOT));
        }
        if (q.domainCode() != null) {
            map.put("domain", q.domainCode());
        }
        if (q.teamId() != null) {
            map.put("team", String.valueOf(q.teamId().value()));
        }
        if (q.projectId() != null) {
            map.put("project", String.valueOf(q.projectId().value()));
        }
        if (q.summaryRow() != null) {
            map.put("row", q.summaryRow());
        }
        if (label != null) {
            map.put("label", label);
        }
        return QueryParameters.simple(map);
    }

    /** The gap list an address asks for; unknown or malformed values fall back to the whole unowned list. */
    static GapQuery query(QueryParameters params) {
        GapQuery q = GapQuery.of(enumOf(GapQuery.Kind.class, one(params, "kind")).orElse(GapQuery.Kind.UNOWNED));
        var owner = enumOf(Owner.class, one(params, "owner"));
        if (owner.isPresent()) {
            q = q.withOwner(owner.get());
        }
        var domain = one(params, "domain");
        if (domain != null) {
            q = q.withDomain(domain);
        }
        var team = number(one(params, "team"));
        if (team != null) {
            q = q.withTeam(new TeamId(team));
        }
        var project = number(one(params, "project"));
        if (project != null) {
            q = q.withProject(new ProjectId(project));
        }
        var row = one(params, "row");
        if (row != null) {
            q = q.withSummaryRow(row);
        }
        return q;
    }

    static @Nullable String one(QueryParameters params, String name) {
        return params.getSingleParameter(name).filter(v -> !v.isBlank()).orElse(null);
    }

    /** Opens a gap list (a navigation: Back returns to where the user clicked). */
    static void open(GapQuery q, @Nullable String label) {
        UI.getCurrent().navigate(ROUTE, gaps(q, label));
    }

    static void open(Piece piece) {
        UI.getCurrent().navigate(ROUTE, piece(piece));
    }

    private static <E extends Enum<E>> Optional<E> enumOf(Class<E> type, @Nullable String value) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Enum.valueOf(type, value.toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static @Nullable Long number(@Nullable String value) {
        try {
            return value == null ? null : Long.parseLong(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
