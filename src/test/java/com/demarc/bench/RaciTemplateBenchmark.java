package com.demarc.bench;

import com.demarc.project.ProjectId;
import com.demarc.raci.RaciService;
import com.demarc.raci.RaciTemplate;
import com.demarc.scale.ScaleDataGenerator;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Figure 4: a RACI template applied to 1,000 projects (rules checked, rows written, history, audit and coverage
 * refreshed, one transaction). Baseline: the bare set-based SQL that writes the same assignments, rolled back.
 * Two templates alternate so every run really changes the projects.
 */
class RaciTemplateBenchmark extends BenchmarkBase {
    @Autowired
    RaciService raci;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PlatformTransactionManager transactionManager;

    @Autowired
    com.demarc.project.ProjectService projects;

    /** One person's status change at scale: rules, history, audit entry and the project's coverage refresh. */
    @Test
    void oneStatusChange() {
        long rowId = jdbc.sql("""
                select pc.id from project_control pc join project p on p.id = pc.project_id
                 where p.name = 'Project 00001' and pc.owner = 'CUSTOMER' and pc.status in ('NOT_STARTED', 'IN_PROGRESS')
                 order by pc.id limit 1""").query(Long.class).single();
        var id = new com.demarc.project.ProjectControlId(rowId);
        String member = ScaleDataGenerator.member(1, 0);
        var flip = new Object() {
            boolean started;
        };
        var service = Bench.time(3, 20, () -> as(member, () -> {
            var row = projects.control(id);
            flip.started = !flip.started;
            projects.setStatus(id, row.version(), flip.started ? com.demarc.project.Status.IN_PROGRESS
                    : com.demarc.project.Status.NOT_STARTED, null, row.data().dueDate(), row.data().notes());
        }));
        var bare = Bench.time(3, 20, () -> jdbc.sql("update project_control set notes = notes where id = :id")
                .param("id", rowId).update());
        Bench.recordTime("4 RACI template", "one status change with its coverage refresh (member), " + scaleLabel(),
                service, "bare UPDATE of the row", bare, "—", null);
    }

    @Test
    void templateToThousandProjects() {
        // the last teams' projects: the other benchmarks use the first teams, whose people must keep their own workload
        List<Long> projectIds = jdbc.sql("""
                        select p.id from project p join team t on t.id = p.team_id
                         where t.name like 'Scale team %' order by p.id desc limit 1002""")
                .query(Long.class).list();
        assertThat(projectIds).hasSize(1002);
        String owner = jdbc.sql("""
                        select t.name from project p join team t on t.id = p.team_id where p.id = :id""")
                .param("id", projectIds.get(0)).query(String.class).single();
        String member = ScaleDataGenerator.member(Integer.parseInt(owner.substring("Scale team ".length())), 0);
        String stamp = Long.toString(System.currentTimeMillis(), 36);
        RaciTemplate first = as(member, () -> raci.saveTemplate(new ProjectId(projectIds.get(0)), "bench A " + stamp));
        RaciTemplate second = as(member, () -> raci.saveTemplate(new ProjectId(projectIds.get(1)), "bench B " + stamp));
        Set<ProjectId> targets = new LinkedHashSet<>();
        projectIds.subList(2, 1002).forEach(id -> targets.add(new ProjectId(id)));
        Long[] targetArray = projectIds.subList(2, 1002).toArray(Long[]::new);

        var transactions = new TransactionTemplate(transactionManager);
        List<Double> baseline = new ArrayList<>();
        List<Double> service = new ArrayList<>();
        var changed = new ArrayList<Integer>();
        for (int run = 0; run < 4; run++) {
            long templateId = run % 2 == 0 ? first.id() : second.id();
            long t0 = System.nanoTime();
            transactions.executeWithoutResult(status -> {
                jdbc.sql("""
                                delete from raci_assignment a using project_control pc, control c
                                 where a.project_control_id = pc.id and c.id = pc.control_id and pc.project_id = any(:p)
                                   and c.code in (select control_code from raci_template_entry where template_id = :t)""")
                        .param("p", targetArray).param("t", templateId).update();
                jdbc.sql("""
                                insert into raci_assignment (project_control_id, role, user_id, team_id)
                                select pc.id, e.role, e.user_id, e.team_id
                                  from raci_template_entry e join control c on c.code = e.control_code
                                  join project_control pc on pc.control_id = c.id
                                 where e.template_id = :t and pc.project_id = any(:p)
                                   and pc.owner in ('CUSTOMER', 'SHARED') and pc.status <> 'NOT_APPLICABLE'""")
                        .param("p", targetArray).param("t", templateId).update();
                status.setRollbackOnly();
            });
            baseline.add((System.nanoTime() - t0) / 1e6);
            long t1 = System.nanoTime();
            var result = as(ScaleDataGenerator.MANAGER, () -> raci.applyTemplate(templateId, targets));
            service.add((System.nanoTime() - t1) / 1e6);
            changed.add(result.changed());
        }
        System.out.println("[bench] template runs changed " + changed + " project controls");
        assertThat(changed).allMatch(n -> n > 1000);
        var result = Bench.stats(service.subList(1, service.size()));
        var floor = Bench.stats(baseline.subList(1, baseline.size()));
        Bench.recordTime("4 RACI template", "applied to 1,000 projects (" + changed.get(1) + " rows changed), " + scaleLabel(),
                result, "bare set-based SQL, rolled back", floor, "≤3 s", result.median() <= 3000);
    }
}
