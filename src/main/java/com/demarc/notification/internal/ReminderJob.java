package com.demarc.notification.internal;

import com.demarc.evidence.AttestationService;
import com.demarc.evidence.EvidenceService;
import com.demarc.evidence.ExpiringEvidence;
import com.demarc.notification.NotificationKind;
import com.demarc.notification.internal.NotificationRepository.NewNotification;
import com.demarc.organization.UserDirectory;
import com.demarc.project.ProjectControl;
import com.demarc.project.ProjectService;
import com.demarc.raci.RaciRole;
import com.demarc.shared.Actors;
import com.demarc.shared.Role;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Reminders, hourly and once across nodes: a control due in 7 days and in 1 day, overdue (once); evidence expiring in
 * 30, 7 and 1 days and expired → the control's R and A; an AWS attestation expiring → the managers. Each reminder is
 * remembered (table notification_reminder, keyed by the subject and its date) in the transaction that writes it, so a
 * late run catches up with the most urgent milestone reached and a second run repeats nothing.
 */
@Component
public class ReminderJob {
    private static final Logger log = LoggerFactory.getLogger(ReminderJob.class);
    private static final int MAX_ROWS = 50_000;
    private final ProjectService projects;
    private final EvidenceService evidence;
    private final AttestationService attestations;
    private final NotificationRouter router;
    private final NotificationRepository notifications;
    private final UserDirectory directory;
    private final TransactionTemplate tx;
    private final org.springframework.jdbc.core.simple.JdbcClient jdbc;
    private final Clock clock;
    private final PreferenceRepository preferences;

    ReminderJob(ProjectService projects, EvidenceService evidence, AttestationService attestations,
                NotificationRouter router, NotificationRepository notifications, UserDirectory directory,
                org.springframework.transaction.PlatformTransactionManager transactions, org.springframework.jdbc.core.simple.JdbcClient jdbc, Clock clock,
                PreferenceRepository preferences) {
        this.preferences = preferences;
        this.projects = projects;
        this.evidence = evidence;
        this.attestations = attestations;
        this.router = router;
        this.notifications = notifications;
        this.directory = directory;
        this.tx = new TransactionTemplate(transactions);
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Scheduled(cron = "${demarc.notifications.reminder-cron:0 10 * * * *}")
    @SchedulerLock(name = "notification-reminders", lockAtMostFor = "PT30M")
    void scheduled() {
        int sent = run(clock.instant());
        if (sent > 0) {
            log.info("Sent {} reminders", sent);
        }
    }

    /** Sends the reminders due at {@code now} (reading as a system manager); returns how many subjects were reminded. */
    public int run(Instant now) {
        LocalDate today = LocalDate.ofInstant(now, clock.getZone());
        var count = new AtomicInteger();
        Actors.runAsSystem(Set.of(Role.MANAGER), () -> {
            // overdue controls whose one overdue reminder went out in an earlier run: they go to the weekly digest
            var stillOverdue = new java.util.ArrayList<ProjectControl>();
            for (ProjectControl c : projects.openDueBy(today.plusDays(7), MAX_ROWS)) {
                long days = ChronoUnit.DAYS.between(today, c.data().dueDate());
                String milestone = days < 0 ? "OVERDUE" : days <= 1 ? "DUE_1" : "DUE_7";
                String title = days < 0 ? "Overdue since " + c.data().dueDate() + ": " + label(c)
                        : days == 0 ? "Due today: " + label(c)
                        : days == 1 ? "Due tomorrow: " + label(c) : "Due in " + days + " days: " + label(c);
                var kind = days < 0 ? NotificationKind.OVERDUE : NotificationKind.DUE_SOON;
                if (remind("control:" + c.id().value() + ":" + c.data().dueDate(), milestone, now, () ->
                        router.raciPeople(c.id(), Set.of(RaciRole.R, RaciRole.A)), kind, title,
                        "Status: " + c.data().status().label() + ". You are Responsible or Accountable for this control.",
                        "projects/" + c.data().projectId().value())) {
                    count.incrementAndGet();
                } else if (days < 0) {
                    stillOverdue.add(c);
                }
            }
            count.addAndGet(weeklyOverdue(stillOverdue, now));
            var expiring = evidence.expiringBy(today.plusDays(30), MAX_ROWS);
            var rows = new java.util.HashMap<com.demarc.project.ProjectControlId, ProjectControl>();
            projects.controlsByIds(expiring.stream().map(ExpiringEvidence::control).distinct().toList())
                    .forEach(c -> rows.put(c.id(), c));
            for (ExpiringEvidence e : expiring) {
                var c = rows.get(e.control());
                if (c == null) {
                    continue;
                }
                long days = ChronoUnit.DAYS.between(today, e.validUntil());
                String milestone = days < 0 ? "EXPIRED" : days <= 1 ? "EXP_1" : days <= 7 ? "EXP_7" : "EXP_30";
                String title = (days < 0 ? "Evidence expired on " + e.validUntil()
                        : days == 0 ? "Evidence expires today" : "Evidence expires in " + days + " day" + (days == 1 ? "" : "s"))
                        + ": " + e.title() + " for " + label(c);
                if (remind("evidence:" + e.item() + ":" + e.validUntil(), milestone, now,
                        () -> router.raciPeople(e.control(), Set.of(RaciRole.R, RaciRole.A)), NotificationKind.EVIDENCE_EXPIRING,
                        title, "Upload a current version before it lapses: until then the control is not covered.",
                        "projects/" + c.data().projectId().value())) {
                    count.incrementAndGet();
                }
            }
            for (var a : attestations.attestations()) {
                long days = ChronoUnit.DAYS.between(today, a.validUntil());
                if (days > 30) {
                    continue;
                }
                String milestone = days < 0 ? "EXPIRED" : days <= 1 ? "EXP_1" : days <= 7 ? "EXP_7" : "EXP_30";
                String title = (days < 0 ? "AWS attestation expired on " + a.validUntil()
                        : "AWS attestation expires in " + days + " day" + (days == 1 ? "" : "s")) + ": " + a.name();
                if (remind("attestation:" + a.id() + ":" + a.validUntil(), milestone, now,
                        () -> directory.enabledWithRole(Role.MANAGER).stream().map(u -> u.value()).toList(),
                        NotificationKind.ATTESTATION_EXPIRING, title, "Record the new report from AWS Artifact: "
                                + a.linkedControls() + " inherited control(s) rely on it.", "attestations")) {
                    count.incrementAndGet();
                }
            }
        });
        return count.get();
    }

    /**
     * The weekly overdue digest: per person (R or A of controls still overdue after their one reminder), once a week,
     * due from Monday at the person's digest time in their own zone. Remembered per person and week in the same
     * transaction, so a run after a missed week sends that week's digest once, never the missed one as well.
     */
    private int weeklyOverdue(List<ProjectControl> overdue, Instant now) {
        if (overdue.isEmpty()) {
            return 0;
        }
        var byPerson = new java.util.LinkedHashMap<Long, List<ProjectControl>>();
        for (var c : overdue) {
            for (long person : router.raciPeople(c.id(), Set.of(RaciRole.R, RaciRole.A))) {
                byPerson.computeIfAbsent(person, p -> new java.util.ArrayList<>()).add(c);
            }
        }
        var schedules = preferences.schedules(byPerson.keySet());
        var remindedAt = new java.util.HashMap<Long, Instant>();
        jdbc.sql("select subject, sent_at from notification_reminder where milestone = 'OVERDUE' and subject = any(:s)")
                .param("s", overdue.stream().map(c -> "control:" + c.id().value() + ":" + c.data().dueDate()).toArray(String[]::new))
                .query((rs, i) -> Map.entry(Long.parseLong(rs.getString(1).split(":")[1]), rs.getTimestamp(2).toInstant()))
                .list().forEach(e -> remindedAt.put(e.getKey(), e.getValue()));
        int sent = 0;
        for (var entry : byPerson.entrySet()) {
            var schedule = schedules.getOrDefault(entry.getKey(), new PreferenceRepository.Schedule("UTC", java.time.LocalTime.of(8, 0)));
            java.time.ZoneId zone;
            try {
                zone = java.time.ZoneId.of(schedule.zone());
            } catch (java.time.DateTimeException e) {
                zone = java.time.ZoneOffset.UTC;
            }
            var local = now.atZone(zone);
            var monday = local.toLocalDate().with(java.time.temporal.TemporalAdjusters.previousOrSame(java.time.DayOfWeek.MONDAY));
            if (local.toLocalDate().equals(monday) && local.toLocalTime().isBefore(schedule.at())) {
                monday = monday.minusWeeks(1); // this week's is not due yet: last week's, if it never went out
            }
            var cutoff = monday.atTime(schedule.at()).atZone(zone).toInstant();
            // only controls whose one overdue reminder went out before that Monday's digest time: a late run never
            // sends a week from before the reminder (the reminder comes first, then the weekly digests)
            var controls = entry.getValue().stream().filter(c -> remindedAt.containsKey(c.id().value())
                            && remindedAt.get(c.id().value()).isBefore(cutoff))
                    .sorted(java.util.Comparator.comparing((ProjectControl c) -> c.data().dueDate())
                    .thenComparing(ReminderJob::label)).toList();
            if (controls.isEmpty()) {
                continue;
            }
            var body = new StringBuilder();
            controls.stream().limit(50).forEach(c -> body.append("• ").append(label(c)).append(" — due ")
                    .append(c.data().dueDate()).append(", ").append(c.data().status().label()).append('\n'));
            if (controls.size() > 50) {
                body.append("… and ").append(controls.size() - 50).append(" more.\n");
            }
            body.append("You are Responsible or Accountable for these controls.");
            String title = "Weekly overdue digest (week of " + monday + "): " + controls.size() + " control"
                    + (controls.size() == 1 ? "" : "s") + " overdue";
            long person = entry.getKey();
            if (remind("weekly-overdue:" + person, monday.toString(), now, () -> List.of(person), NotificationKind.OVERDUE,
                    title, body.toString(), "")) {
                sent++;
            }
        }
        return sent;
    }

    /** Writes the reminder and remembers it in one transaction; false when it was sent before. */
    private boolean remind(String subject, String milestone, Instant now,
                           java.util.function.Supplier<Collection<Long>> recipients, NotificationKind kind,
                           String title, String body, String link) {
        Boolean done = tx.execute(s -> {
            int inserted = jdbc.sql("""
                            insert into notification_reminder (subject, milestone, sent_at) values (:s, :m, :now)
                            on conflict do nothing""")
                    .param("s", subject).param("m", milestone).param("now", java.sql.Timestamp.from(now)).update();
            if (inserted == 0) {
                return false;
            }
            notifications.insertAll(recipients.get().stream().distinct()
                    .map(p -> new NewNotification(p, kind, title, body, link, null)).toList(), now);
            return true;
        });
        return Boolean.TRUE.equals(done);
    }

    private static String label(ProjectControl c) {
        return c.data().projectName() + " · " + c.data().code();
    }
}
