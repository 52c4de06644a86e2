package com.demarc.notification;

import com.demarc.notification.internal.ReminderJob;
import com.demarc.organization.UserDirectory;
import com.demarc.project.Project;
import com.demarc.project.ProjectService;
import com.demarc.project.Status;
import com.demarc.raci.Assignee;
import com.demarc.raci.RaciEntry;
import com.demarc.raci.RaciRole;
import com.demarc.raci.RaciService;
import com.demarc.shared.Actors;
import com.demarc.shared.DemarcUser;
import com.demarc.support.DemarcTest;
import com.demarc.support.Fixtures;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Due-date reminders with a moving clock: 7 days, 1 day, overdue once; a missed night catches up without repeating. */
@DemarcTest
class NotificationReminderTest {
    @Autowired
    ReminderJob reminders;
    @Autowired
    RaciService raci;
    @Autowired
    ProjectService projects;
    @Autowired
    UserDirectory users;
    @Autowired
    UserDetailsService userDetails;
    @Autowired
    Fixtures fixtures;
    @Autowired
    JdbcClient jdbc;

    @Test
    void dueInSevenDaysThenTomorrowThenOverdueOnceEachAcrossDayBoundariesAndAMissedNight() {
        // day 0 at 23:30 UTC: the control is due in 7 days
        Instant day0 = LocalDate.now(ZoneOffset.UTC).atTime(23, 30).toInstant(ZoneOffset.UTC);
        LocalDate due = LocalDate.ofInstant(day0, ZoneOffset.UTC).plusDays(7);
        var project = fixtures.project("Payments", "Remind", "EC2");
        var row = fixtures.row(project, "SRM-IAM-02");
        as("manager", () -> raci.setRaci(row.id(), row.version(), List.of(new RaciEntry(RaciRole.A, person("manager")),
                new RaciEntry(RaciRole.R, person("alice")), new RaciEntry(RaciRole.I, person("bob")))));
        var fresh = as("manager", () -> projects.control(row.id()));
        as("manager", () -> projects.setStatus(fresh.id(), fresh.version(), Status.IN_PROGRESS, null, due, ""));

        reminders.run(day0);
        assertThat(titles("alice", project)).containsExactly("Due in 7 days: " + project.name() + " · SRM-IAM-02");
        assertThat(titles("manager", project)).as("the Accountable").hasSize(1);
        assertThat(titles("bob", project)).as("Informed gets no reminder").isEmpty();

        // 40 minutes later it is day 1 (6 days left): same milestone, nothing new; again an hour later
        reminders.run(day0.plus(Duration.ofMinutes(40)));
        reminders.run(day0.plus(Duration.ofMinutes(100)));
        assertThat(titles("alice", project)).hasSize(1);

        // day 6: due tomorrow, once although the job runs every hour
        reminders.run(day0.plus(Duration.ofDays(6)));
        reminders.run(day0.plus(Duration.ofDays(6)).plus(Duration.ofHours(1)));
        assertThat(titles("alice", project)).hasSize(2).last().isEqualTo("Due tomorrow: " + project.name() + " · SRM-IAM-02");

        // the nights of day 7 and 8 are missed (node down); day 9: overdue, once, and not again on day 10
        reminders.run(day0.plus(Duration.ofDays(9)));
        reminders.run(day0.plus(Duration.ofDays(10)));
        assertThat(titles("alice", project)).hasSize(3).last().asString().startsWith("Overdue since " + due);
        assertThat(titles("manager", project)).hasSize(3);
    }

    List<String> titles(String username, Project project) {
        return jdbc.sql("""
                        select n.title from notification n join app_user u on u.id = n.recipient_id
                        where u.username = :u and n.kind in ('DUE_SOON', 'OVERDUE') and n.title like :p order by n.id""")
                .param("u", username).param("p", "%" + project.name() + "%").query(String.class).list();
    }

    Assignee person(String username) {
        var u = users.findForLogin(username).orElseThrow();
        return Assignee.person(u.id(), u.displayName());
    }

    <T> T as(String username, java.util.function.Supplier<T> work) {
        var ref = new java.util.concurrent.atomic.AtomicReference<T>();
        Actors.runAs((DemarcUser) userDetails.loadUserByUsername(username), () -> ref.set(work.get()));
        return ref.get();
    }

    void as(String username, Runnable work) {
        Actors.runAs((DemarcUser) userDetails.loadUserByUsername(username), work);
    }
}
