package com.demarc.bench;

import com.demarc.coverage.CoverageService;
import com.demarc.scale.ScaleDataGenerator;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Figure 1: the coverage dashboard's data at scale, read from the rollups, against the raw GROUP BY over the same
 * project controls (the coverage rule evaluated row by row, grouped the way the rollups are).
 */
class DashboardBenchmark extends BenchmarkBase {
    private static final String RAW = """
            select team_id, domain_code, owner, state, count(*), count(*) filter (where expiring),
                   count(*) filter (where overdue), count(*) filter (where expired)
              from coverage_state_v group by team_id, domain_code, owner, state""";

    @Autowired
    CoverageService coverage;
    @Autowired
    JdbcClient jdbc;

    @Test
    void dashboardAgainstRawGroupBy() {
        // the rollups are what the raw query computes: check before timing either
        var d = as(ScaleDataGenerator.MANAGER, coverage::dashboard);
        long rawApplicable = jdbc.sql("select count(*) from coverage_state_v where state <> 'NOT_APPLICABLE'").query(Long.class).single();
        assertThat((long) d.overall().applicable()).isEqualTo(rawApplicable);

        var raw = Bench.time(1, 5, () -> jdbc.sql(RAW).query().listOfRows());
        var manager = Bench.time(5, 40, () -> as(ScaleDataGenerator.MANAGER, coverage::dashboard));
        var member = Bench.time(5, 40, () -> as(ScaleDataGenerator.member(1, 0), coverage::dashboard));
        String label = scaleLabel();
        Bench.recordTime("1 dashboard", "organisation (manager), " + label, manager, "raw GROUP BY over coverage_state_v",
                raw, "≤50 ms p95, ≥6× faster", manager.p95() <= 50 && raw.median() / manager.median() >= 6);
        Bench.recordTime("1 dashboard", "one team (member), " + label, member, "raw GROUP BY over coverage_state_v",
                raw, "≤50 ms p95, ≥6× faster", member.p95() <= 50 && raw.median() / member.median() >= 6);
    }
}
