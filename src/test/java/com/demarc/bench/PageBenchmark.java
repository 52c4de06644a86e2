package com.demarc.bench;

import com.demarc.audit.AuditFilter;
import com.demarc.audit.AuditLog;
import com.demarc.project.ControlQuery;
import com.demarc.raci.MatrixQuery;
import com.demarc.raci.RaciService;
import com.demarc.scale.ScaleDataGenerator;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Figure 2: one lazy page (50 rows, plus the count a lazy grid asks for) of My responsibilities, the RACI matrix and
 * the audit log at scale. Baseline: 50 rows of the same table fetched by primary key (the floor of one page).
 */
class PageBenchmark extends BenchmarkBase {
    @Autowired
    RaciService raci;
    @Autowired
    AuditLog audit;
    @Autowired
    JdbcClient jdbc;

    @Test
    void lazyPages() {
        String member = ScaleDataGenerator.member(1, 0);
        long team = jdbc.sql("select id from team where name = 'Scale team 0001'").query(Long.class).single();
        List<Long> ids = jdbc.sql("select id from project_control order by id desc limit 50").query(Long.class).list();
        Long[] idArray = ids.toArray(Long[]::new);
        var byKey = Bench.time(10, 40, () -> jdbc.sql("select * from project_control where id = any(:ids)")
                .param("ids", idArray).query().listOfRows());
        var auditByKey = Bench.time(10, 40, () -> jdbc.sql("select * from audit_log where seq > (select max(seq) - 50 from audit_log)")
                .query().listOfRows());
        String label = scaleLabel();

        assertThat(as(member, () -> raci.myResponsibilities(true, "due", true, 0, 50))).hasSize(50);
        var mine = Bench.time(5, 30, () -> as(member, () -> {
            raci.myResponsibilities(true, "due", true, 0, 50);
            return raci.countMyResponsibilities(true);
        }));
        Bench.recordTime("2 page", "My responsibilities (member, R/A, by due date), " + label, mine,
                "50 rows by primary key", byKey, "— (no target set)", null);

        var teamQuery = new MatrixQuery(new ControlQuery(null, new com.demarc.organization.TeamId(team), null, null, null, null), false);
        var teamMatrix = Bench.time(5, 30, () -> as(ScaleDataGenerator.MANAGER, () -> {
            raci.matrix(teamQuery, 0, 50);
            return raci.countMatrix(teamQuery);
        }));
        Bench.recordTime("2 page", "RACI matrix, one team (manager), " + label, teamMatrix,
                "50 rows by primary key", byKey, "—", null);

        var allQuery = new MatrixQuery(new ControlQuery(null, null, null, null, null, null), false);
        assertThat(as(ScaleDataGenerator.MANAGER, () -> raci.matrix(allQuery, 0, 50))).hasSize(50);
        var allMatrix = Bench.time(2, 10, () -> as(ScaleDataGenerator.MANAGER, () -> {
            raci.matrix(allQuery, 0, 50);
            return raci.countMatrix(allQuery);
        }));
        Bench.recordTime("2 page", "RACI matrix, whole organisation (manager), " + label, allMatrix,
                "50 rows by primary key", byKey, "—", null);

        var none = new AuditFilter(null, null, null, null, null);
        assertThat(as(ScaleDataGenerator.AUDITOR, () -> audit.find(none, 0, 50))).hasSize(50);
        var auditPage = Bench.time(5, 30, () -> as(ScaleDataGenerator.AUDITOR, () -> {
            audit.find(none, 0, 50);
            return audit.count(none);
        }));
        Bench.recordTime("2 page", "audit log, newest first (auditor), " + label, auditPage,
                "last 50 entries by key", auditByKey, "—", null);
        var filtered = new AuditFilter(member, null, null, null, null);
        var auditFiltered = Bench.time(5, 30, () -> as(ScaleDataGenerator.AUDITOR, () -> {
            audit.find(filtered, 0, 50);
            return audit.count(filtered);
        }));
        Bench.recordTime("2 page", "audit log filtered by actor (auditor), " + label, auditFiltered,
                "last 50 entries by key", auditByKey, "—", null);
    }
}
