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
    @Autowired
    com.demarc.organization.OrganizationService organization;

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

    @Test
    void overdueOnceThenInTheWeeklyDigestOnMondayAtTheDigestTimeAndAMissedWeekSendsOneNotTwo() {
        // a person of their own (the weekly digest is per person and week), Responsible for one overdue control: a
        // manager in no team (only the project's team and managers may be R, ADR 0026; a team member would also get
        // the team's letters)
        String name = "weekly" + Long.toString(System.nanoTime(), 36);
        var account = as("admin", () -> organization.createUser(new com.demarc.organization.UserDraft(name, "Weekly Person",
                name + "@demarc.example", true, java.util.Set.of(com.demarc.shared.Role.MANAGER), java.util.Set.of()),
                "Initial-password-2026!w"));
        jdbc.sql("insert into notification_schedule (user_id, time_zone, digest_time) values (:u, 'Europe/Berlin', '07:00')")
                .param("u", account.id().value()).update();
        var berlin = java.time.ZoneId.of("Europe/Berlin");
        // a Wednesday, far enough ahead that no other test's run has written this person's weeks
        var wednesday = LocalDate.now(ZoneOffset.UTC).plusWeeks(6).with(java.time.temporal.TemporalAdjusters.next(java.time.DayOfWeek.WEDNESDAY));
        var project = fixtures.project("Payments", "Weekly", "EC2");
        var row = fixtures.row(project, "SRM-IAM-02");
        as("manager", () -> raci.setRaci(row.id(), row.version(), List.of(new RaciEntry(RaciRole.A, person("manager")),
                new RaciEntry(RaciRole.R, Assignee.person(account.id(), "Weekly Person")))));
        var fresh = as("manager", () -> projects.control(row.id()));
        as("manager", () -> projects.setStatus(fresh.id(), fresh.version(), Status.IN_PROGRESS, null, wednesday.minusDays(3), ""));

        // Wednesday: overdue since Sunday → the one overdue reminder; no weekly digest in the same run
        reminders.run(wednesday.atTime(12, 0).atZone(berlin).toInstant());
        assertThat(overdue(name)).singleElement().asString().startsWith("Overdue since " + wednesday.minusDays(3));
        // the next Monday 06:59 Berlin: not yet (07:00 is this person's digest time); 07:05: the weekly digest, once
        var monday = wednesday.with(java.time.temporal.TemporalAdjusters.next(java.time.DayOfWeek.MONDAY));
        reminders.run(monday.atTime(6, 59).atZone(berlin).toInstant());
        assertThat(overdue(name)).hasSize(1);
        reminders.run(monday.atTime(7, 5).atZone(berlin).toInstant());
        reminders.run(monday.atTime(9, 5).atZone(berlin).toInstant());
        assertThat(overdue(name)).hasSize(2).last().asString()
                .isEqualTo("Weekly overdue digest (week of " + monday + "): 1 control overdue");
        assertThat(jdbc.sql("""
                        select n.body from notification n where n.recipient_id = :u and n.kind = 'OVERDUE' and n.title like 'Weekly overdue%'""")
                .param("u", account.id().value()).query(String.class).single())
                .contains(project.name() + " · SRM-IAM-02 — due " + wednesday.minusDays(3));
        // the following week is missed entirely (nodes down); Thursday of the week after: that week's digest, once
        var thursday = monday.plusWeeks(2).plusDays(3);
        reminders.run(thursday.atTime(10, 0).atZone(berlin).toInstant());
        reminders.run(thursday.atTime(11, 0).atZone(berlin).toInstant());
        assertThat(overdue(name)).hasSize(3).last().asString().startsWith("Weekly overdue digest (week of " + monday.plusWeeks(2) + ")");
        // implemented: no longer overdue, no more digests
        var done = as("manager", () -> projects.control(row.id()));
        as("manager", () -> projects.setStatus(done.id(), done.version(), Status.IMPLEMENTED, null, done.data().dueDate(), ""));
        reminders.run(monday.plusWeeks(3).atTime(8, 0).atZone(berlin).toInstant());
        assertThat(overdue(name)).hasSize(3);
    }

    List<String> overdue(String username) {
        return jdbc.sql("""
                        select n.title from notification n join app_user u on u.id = n.recipient_id
                        where u.username = :u and n.kind = 'OVERDUE' order by n.id""")
                .param("u", username).query(String.class).list();
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
