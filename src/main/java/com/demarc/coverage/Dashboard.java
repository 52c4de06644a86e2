package com.demarc.coverage;

import java.util.List;

/** Everything the coverage dashboard shows, read from the rollups (never a GROUP BY over every project control). */
public record Dashboard(Coverage overall, List<Coverage> byOwner, List<Coverage> bySummaryRow, List<Coverage> byDomain,
                        List<Coverage> byTeam, List<Coverage> byProject, List<HeatCell> heatMap) {

    /** One cell of the project × domain heat map. */
    public record HeatCell(long projectId, String project, String domainCode, int applicable, int covered) {
        public int percent() {
            return applicable == 0 ? -1 : (int) Math.round(100.0 * covered / applicable);
        }
    }
}
