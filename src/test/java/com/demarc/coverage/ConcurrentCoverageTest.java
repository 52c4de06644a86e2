package com.demarc.coverage;

import com.demarc.evidence.EvidenceService;
import com.demarc.project.ControlQuery;
import com.demarc.project.ProjectControl;
import com.demarc.project.ProjectService;
import com.demarc.shared.Actors;
import com.demarc.shared.DemarcUser;
import com.demarc.support.DemarcTest;
import com.demarc.support.Fixtures;
import com.demarc.support.TestFiles;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Several people changing the same team's projects at the same moment (a member dropping many files on the evidence
 * page does exactly this): every change lands, none fails on the coverage refresh, and the rollups equal the rule.
 */
@DemarcTest
class ConcurrentCoverageTest {
    @Autowired
    ProjectService projects;
    @Autowired
    EvidenceService evidence;
    @Autowired
    Fixtures fixtures;
    @Autowired
    UserDetailsService accounts;
    @Autowired
    JdbcClient jdbc;

    @Test
    void parallelUploadsToOneTeamAllLand() throws Exception {
        var manager = (DemarcUser) accounts.loadUserByUsername("manager");
        var first = fixtures.project("Payments", "Parallel A", "EC2", "S3");
        var second = fixtures.project("Payments", "Parallel B", "LAMBDA");
        List<ProjectControl> rows = new ArrayList<>();
        Actors.runAs(manager, () -> {
            for (var project : List.of(first, second)) {
                rows.addAll(projects.controls(new ControlQuery(project.id(), null, null, null, null, null), 0, 100).stream()
                        .filter(ProjectControl::needsRaci).limit(6).toList());
            }
        });
        int uploads = rows.size();
        var start = new CountDownLatch(1);
        try (var pool = Executors.newFixedThreadPool(uploads)) {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < uploads; i++) {
                var row = rows.get(i);
                int n = i;
                done.add(pool.submit(() -> {
                    start.await();
                    Actors.runAs(manager, () -> evidence.upload(row.id(), null, "parallel-" + n + ".pdf",
                            new ByteArrayInputStream(TestFiles.pdf("parallel " + n)), null, null, null));
                    return null;
                }));
            }
            start.countDown();
            for (var f : done) {
                f.get(); // an upload that failed on the refresh rethrows here
            }
        }
        long stored = jdbc.sql("select count(*) from evidence_version where file_name like 'parallel-%'").query(Long.class).single();
        assertThat(stored).isEqualTo(uploads);
        String raw = "select project_id || '/' || domain_code || '/' || owner || '/' || state || '=' || count(*) from coverage_state_v"
                + " where project_id in (:a, :b) group by project_id, domain_code, owner, state order by 1";
        String rollup = "select project_id || '/' || domain_code || '/' || owner || '/' || state || '=' || controls from coverage_rollup"
                + " where project_id in (:a, :b) order by 1";
        assertThat(jdbc.sql(rollup).param("a", first.id().value()).param("b", second.id().value()).query(String.class).list())
                .isEqualTo(jdbc.sql(raw).param("a", first.id().value()).param("b", second.id().value()).query(String.class).list());
    }
}
