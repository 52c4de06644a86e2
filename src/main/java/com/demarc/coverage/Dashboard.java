package com.demarc.coverage;

import java.util.List;

/** Everything the coverage dashboard shows, read from the rollups (never a GROUP BY over every project control). */
public record Dashboard(Coverage overall, List<Coverage> byOwner, List<Coverage> bySummaryRow, List<Coverage> byDomain,
                        List<Coverage> byTeam, HeatMap heatMap) {

    /**
     * The heat map: projects × domains when the scope holds few projects; with more, teams × domains for the
     * least-covered teams (a heat map of thousands of rows shows nothing). {@code of} is how many rows exist in scope.
     */
    public record HeatMap(By by, int of, List<HeatCell> cells) {
        public enum By { PROJECT, TEAM }

        public long rows() {
            return cells.stream().map(HeatCell::id).distinct().count();
        }
    }

    /** One cell: a project's (or team's) coverage in one domain. */
    public record HeatCell(long id, String name, String domainCode, int applicable, int covered) {
        public int percent() {
            return applicable == 0 ? -1 : (int) Math.round(100.0 * covered / applicable);
        }
    }
}
