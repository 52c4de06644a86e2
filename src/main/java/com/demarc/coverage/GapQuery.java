package com.demarc.coverage;

import com.demarc.catalog.Owner;
import com.demarc.organization.TeamId;
import com.demarc.project.ProjectId;
import org.jspecify.annotations.Nullable;

/**
 * Which gaps to list: a kind, and optionally a team, project, domain, owner or model summary row to drill into
 * (null = any). Start with {@link #of} and narrow with the {@code with…} methods.
 */
public record GapQuery(Kind kind, @Nullable TeamId teamId, @Nullable ProjectId projectId, @Nullable String domainCode,
                       @Nullable Owner owner, @Nullable String summaryRow) {

    /** Every gap of this kind in the user's scope. */
    public static GapQuery of(Kind kind) {
        return new GapQuery(kind, null, null, null, null, null);
    }

    public GapQuery withTeam(TeamId team) {
        return new GapQuery(kind, team, projectId, domainCode, owner, summaryRow);
    }

    public GapQuery withProject(ProjectId project) {
        return new GapQuery(kind, teamId, project, domainCode, owner, summaryRow);
    }

    public GapQuery withDomain(String domain) {
        return new GapQuery(kind, teamId, projectId, domain, owner, summaryRow);
    }

    public GapQuery withOwner(Owner newOwner) {
        return new GapQuery(kind, teamId, projectId, domainCode, newOwner, summaryRow);
    }

    public GapQuery withSummaryRow(String row) {
        return new GapQuery(kind, teamId, projectId, domainCode, owner, row);
    }

    /** The same slice, another kind (a chart segment: the red "Unowned" part of the Customer bar). */
    public GapQuery withKind(Kind newKind) {
        return new GapQuery(newKind, teamId, projectId, domainCode, owner, summaryRow);
    }

    /** True when the query narrows its kind to a slice (a team, project, domain, owner or summary row). */
    public boolean narrowed() {
        return teamId != null || projectId != null || domainCode != null || owner != null || summaryRow != null;
    }

    /** The gap lists of the dashboard. */
    public enum Kind {
        UNOWNED("Unowned"), MISSING_EVIDENCE("Missing evidence"), EXPIRING_OR_EXPIRED("Expired or expiring evidence"),
        OVERDUE("Overdue"), NOT_COVERED("Not covered"), FAILING_CHECK("Failing checks"),
        // one coverage state each: the segments of a breakdown's stacked bar
        NOT_IMPLEMENTED("Not implemented"), NO_EVIDENCE("No valid evidence"), ATTESTATION_MISSING("No valid attestation");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }
}
