package com.demarc.coverage;

/** Which gaps to list: a kind, and optionally a team, project, domain or owner to drill into. */
public record GapQuery(Kind kind, Long teamId, Long projectId, String domainCode, String owner, String summaryRow) {

    /** The gap lists of the dashboard. */
    public enum Kind {
        UNOWNED("Unowned"), MISSING_EVIDENCE("Missing evidence"), EXPIRING_OR_EXPIRED("Expired or expiring evidence"),
        OVERDUE("Overdue"), NOT_COVERED("Not covered");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }
}
