package com.demarc.bench;

import com.demarc.project.ProjectId;
import com.demarc.raci.RaciService;
import com.demarc.raci.RaciTemplate;
import com.demarc.scale.ScaleDataGenerator;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ApplicationEventMulticaster;
import org.springframework.context.event.ApplicationListenerMethodAdapter;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 15: a RACI template applied to 1,000 projects with its notifications queued (one summary per person and
 * kind, written in the template's transaction) against the same template with the notification module's listeners
 * taken off the event multicaster, in the same run, interleaved. Target: notifications cost at most 10 %.
 */
class RaciTemplateNotificationBenchmark extends BenchmarkBase {
    @Autowired
    RaciService raci;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ApplicationEventMulticaster multicaster;

    @Test
    void templateToThousandProjectsWithAndWithoutNotifications() {
        // the last teams' projects, as RaciTemplateBenchmark (its two templates alternate there too)
        List<Long> projectIds = jdbc.sql("""
                        select p.id from project p join team t on t.id = p.team_id
                         where t.name like 'Scale team %' order by p.id desc limit 1002""")
                .query(Long.class).list();
        assertThat(projectIds).as("scale M or larger").hasSize(1002);
        String owner = jdbc.sql("select t.name from project p join team t on t.id = p.team_id where p.id = :id")
                .param("id", projectIds.get(0)).query(String.class).single();
        String member = ScaleDataGenerator.member(Integer.parseInt(owner.substring("Scale team ".length())), 0);
        String stamp = Long.toString(System.currentTimeMillis(), 36);
        RaciTemplate first = as(member, () -> raci.saveTemplate(new ProjectId(projectIds.get(0)), "notify A " + stamp));
        RaciTemplate second = as(member, () -> raci.saveTemplate(new ProjectId(projectIds.get(1)), "notify B " + stamp));
        Set<ProjectId> targets = new LinkedHashSet<>();
        projectIds.subList(2, 1002).forEach(id -> targets.add(new ProjectId(id)));

        List<Double> on = new ArrayList<>();
        List<Double> off = new ArrayList<>();
        List<Integer> rows = new ArrayList<>();
        List<Integer> changed = new ArrayList<>();
        // warm-up pair, then 5 pairs; on and off alternate (and swap order) so drift hits both alike
        for (int run = 0; run < 12; run++) {
            long templateId = run % 2 == 0 ? first.id() : second.id();
            boolean notify = (run / 2) % 2 == 0 ? run % 2 == 0 : run % 2 == 1;
            List<ApplicationListener<?>> removed = notify ? List.of() : detachNotifications();
            try {
                Instant before = Instant.now();
                long t0 = System.nanoTime();
                var result = as(ScaleDataGenerator.MANAGER, () -> raci.applyTemplate(templateId, targets));
                double ms = (System.nanoTime() - t0) / 1e6;
                changed.add(result.changed());
                if (run >= 2) {
                    (notify ? on : off).add(ms);
                }
                if (notify) {
                    rows.add(jdbc.sql("select count(*) from notification where created_at >= :t")
                            .param("t", Timestamp.from(before)).query(Integer.class).single());
                }
            } finally {
                removed.forEach(multicaster::addApplicationListener);
            }
        }
        System.out.println("[bench] template runs changed " + changed + " project controls; notification rows per "
                + "notified run " + rows);
        assertThat(changed).allMatch(n -> n > 1000);
        assertThat(rows).allMatch(n -> n > 0 && n < changed.getFirst());
        var withNotifications = Bench.stats(on);
        var without = Bench.stats(off);
        double ratio = withNotifications.median() / without.median();
        Bench.record("Notifications", "RACI template applied to 1,000 projects (" + changed.get(2) + " rows changed, "
                        + rows.getLast() + " notification rows queued), " + scaleLabel(), withNotifications.describe(),
                "same template, notification listeners detached: " + without.describe(),
                String.format(Locale.ROOT, "%.2f× (with / without)", ratio), "≤1.10×", ratio <= 1.10);
    }

    /** Takes the notification module's event listeners off the multicaster; returns them to put back. */
    private List<ApplicationListener<?>> detachNotifications() {
        var removed = new ArrayList<ApplicationListener<?>>();
        multicaster.removeApplicationListeners(listener -> {
            boolean ours = listener instanceof ApplicationListenerMethodAdapter adapter
                    && adapter.getListenerId().startsWith("com.demarc.notification.");
            if (ours) {
                removed.add(listener);
            }
            return ours;
        });
        assertThat(removed).as("NotificationRouter's listeners").isNotEmpty();
        return removed;
    }
}
