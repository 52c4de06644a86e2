package com.demarc.notification.internal;

import com.demarc.automation.ControlChecksChanged;
import com.demarc.evidence.EvidenceReviewed;
import com.demarc.evidence.EvidenceSubmitted;
import com.demarc.notification.NotificationKind;
import com.demarc.notification.internal.NotificationRepository.NewNotification;
import com.demarc.organization.AccountSecurityEvent;
import com.demarc.organization.TeamId;
import com.demarc.organization.UserDirectory;
import com.demarc.organization.UserId;
import com.demarc.project.ControlStatusChanged;
import com.demarc.project.ProjectControlId;
import com.demarc.project.ProjectId;
import com.demarc.raci.Assignee;
import com.demarc.raci.RaciAssignmentsChanged;
import com.demarc.raci.RaciEntry;
import com.demarc.raci.RaciRole;
import com.demarc.raci.RaciService;
import com.demarc.shared.Actors;
import com.demarc.shared.DemarcUser;
import com.demarc.shared.Role;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns the other modules' events into notification rows. A plain synchronous listener on purpose: the rows are
 * written in the transaction of the change that caused them, so they commit (or roll back) with it (ADR 0014).
 * The actor is never told about their own change.
 */
@Component
class NotificationRouter {
    private final NotificationRepository repository;
    private final UserDirectory directory;
    private final RaciService raci;
    private final Clock clock;
    private final TeamChat chat;

    NotificationRouter(NotificationRepository repository, UserDirectory directory, RaciService raci, Clock clock,
                       TeamChat chat) {
        this.repository = repository;
        this.directory = directory;
        this.raci = raci;
        this.clock = clock;
        this.chat = chat;
    }

    /** Assigned / unassigned as R or A: one row per person per control, or one summary per person for a bulk change. */
    @EventListener
    void on(RaciAssignmentsChanged event) {
        // recipient → kind → lines ("Responsible for Payments · SRM-IAM-02"), links kept for the single case
        Map<Long, Map<NotificationKind, List<String[]>>> byPerson = new LinkedHashMap<>();
        Map<TeamId, List<UserId>> teamCache = new LinkedHashMap<>();
        Set<Long> actor = actorIds();
        Map<ProjectId, List<String>> chatLines = new LinkedHashMap<>();
        for (var change : event.changes()) {
            for (RaciRole role : List.of(RaciRole.A, RaciRole.R)) {
                var before = holders(change.before(), role);
                var after = holders(change.after(), role);
                for (Assignee added : difference(after, before)) {
                    chatLines.computeIfAbsent(change.project(), p -> new ArrayList<>())
                            .add(change.label() + ": " + added.label() + " now " + role.label());
                }
                for (Assignee removed : difference(before, after)) {
                    chatLines.computeIfAbsent(change.project(), p -> new ArrayList<>())
                            .add(change.label() + ": " + removed.label() + " no longer " + role.label());
                }
                for (Assignee added : difference(after, before)) {
                    for (long person : people(added, teamCache)) {
                        add(byPerson, person, NotificationKind.RACI_ASSIGNED, role.label() + " for " + change.label()
                                + (added.isPerson() ? "" : " (as a member of " + added.label() + ")"), link(change.project().value()),
                                change.label());
                    }
                }
                for (Assignee removed : difference(before, after)) {
                    for (long person : people(removed, teamCache)) {
                        add(byPerson, person, NotificationKind.RACI_UNASSIGNED, "no longer " + role.label() + " for "
                                + change.label() + (removed.isPerson() ? "" : " (as a member of " + removed.label() + ")"),
                                link(change.project().value()), change.label());
                    }
                }
            }
        }
        var rows = new ArrayList<NewNotification>();
        String by = Actors.currentUsername();
        byPerson.forEach((person, kinds) -> {
            if (actor.contains(person)) {
                return;
            }
            kinds.forEach((kind, lines) -> {
                if (lines.stream().map(l -> l[2]).distinct().count() == 1) {
                    // one control (perhaps two letters: in person and through a team)
                    String line = String.join(" and ", lines.stream().map(l -> l[0]).toList());
                    rows.add(new NewNotification(person, kind, kind == NotificationKind.RACI_ASSIGNED
                            ? "You are now " + line : "You are " + line, "Changed by " + by + ".", lines.getFirst()[1], by));
                } else {
                    // a bulk change (template, copy, bulk assign): one summary, not one notification per control
                    var body = new StringBuilder();
                    lines.stream().limit(50).forEach(l -> body.append("• ").append(kind == NotificationKind.RACI_ASSIGNED
                            ? l[0] : l[0]).append('\n'));
                    if (lines.size() > 50) {
                        body.append("… and ").append(lines.size() - 50).append(" more.\n");
                    }
                    body.append("Changed by ").append(by).append('.');
                    rows.add(new NewNotification(person, kind, (kind == NotificationKind.RACI_ASSIGNED
                            ? "You were assigned on " : "You were unassigned from ")
                            + lines.stream().map(l -> l[2]).distinct().count() + " controls",
                            body.toString(), "", by));
                }
            });
        });
        repository.insertAll(rows, clock.instant());
        chat.postRaci(chatLines, by);
    }

    /**
     * Account security (mandatory, never the "actor" exception: the person is told about their own change too, which
     * is the point — "if this was not you"). An unknown username (a lock on a guessed name) tells nobody.
     */
    @EventListener
    void on(AccountSecurityEvent event) {
        directory.idOf(event.username()).ifPresent(user -> repository.insertAll(List.of(new NewNotification(user.value(),
                NotificationKind.ACCOUNT_SECURITY, event.what().title(), event.detail()
                        + " If you did not expect this, change your password and tell an administrator.",
                event.what() == AccountSecurityEvent.What.API_TOKEN_CREATED ? "account/api-tokens" : "account",
                Actors.currentUsername())), clock.instant()));
    }

    /**
     * Automated checks turned project controls failing, or passing again → each control's R, A, C and I (not the
     * importer), once per change (the import only reports changes); one summary per person when an import changed
     * several controls.
     */
    @EventListener
    void on(ControlChecksChanged event) {
        Map<Long, Map<NotificationKind, List<ControlChecksChanged.Change>>> byPerson = new LinkedHashMap<>();
        // every changed control's RACI in one read, each team's members once (an import changes hundreds at a time)
        var racis = raci.racis(event.changes().stream().map(ControlChecksChanged.Change::control).distinct().toList());
        Map<TeamId, List<UserId>> members = new LinkedHashMap<>();
        for (var change : event.changes()) {
            var kind = change.failing() ? NotificationKind.CHECK_FAILING : NotificationKind.CHECK_PASSING;
            var people = new java.util.LinkedHashSet<Long>();
            var controlRaci = racis.get(change.control());
            if (controlRaci != null) {
                controlRaci.entries().forEach(entry -> people.addAll(people(entry.assignee(), members)));
            }
            for (long person : people) {
                byPerson.computeIfAbsent(person, p -> new LinkedHashMap<>()).computeIfAbsent(kind, k -> new ArrayList<>())
                        .add(change);
            }
        }
        actorIds().forEach(byPerson::remove); // the importer has the import's report
        String by = Actors.currentUsername();
        var rows = new ArrayList<NewNotification>();
        byPerson.forEach((person, kinds) -> kinds.forEach((kind, changes) -> {
            boolean failing = kind == NotificationKind.CHECK_FAILING;
            if (changes.size() == 1) {
                var c = changes.getFirst();
                rows.add(new NewNotification(person, kind, (failing ? "Automated check failing: " : "Checks pass again: ")
                        + c.label(), (failing ? "Failing: " : "Passed: ") + String.join(", ", c.checks())
                        + (failing ? ". The control is not covered until they pass (or a manager suppresses them)."
                        : ". No mapped check of this control fails any more.") + " Imported by " + by + ".",
                        "control-checks/" + c.control().value(), by));
            } else {
                var body = new StringBuilder();
                changes.stream().limit(50).forEach(c -> body.append("• ").append(c.label()).append(": ")
                        .append(String.join(", ", c.checks())).append('\n'));
                if (changes.size() > 50) {
                    body.append("… and ").append(changes.size() - 50).append(" more.\n");
                }
                body.append("Imported by ").append(by).append('.');
                rows.add(new NewNotification(person, kind, (failing ? "Automated checks failing on " : "Checks pass again on ")
                        + changes.size() + " controls", body.toString(), "control-checks/" + changes.getFirst().control().value(), by));
            }
        }));
        repository.insertAll(rows, clock.instant());
    }

    /** Status or due date changed → the control's A, R, C and I (teams expanded), not the actor. */
    @EventListener
    void on(ControlStatusChanged event) {
        var kind = event.statusChanged() ? NotificationKind.STATUS_CHANGED : NotificationKind.DUE_DATE_CHANGED;
        var parts = new ArrayList<String>();
        if (event.statusChanged()) {
            parts.add("status " + event.from().label() + " → " + event.to().label());
        }
        if (event.dueDateChanged()) {
            parts.add("due date " + (event.dueFrom() == null ? "none" : event.dueFrom()) + " → "
                    + (event.dueTo() == null ? "none" : event.dueTo()));
        }
        String by = Actors.currentUsername();
        String title = event.label() + ": " + String.join(", ", parts);
        var recipients = raciPeople(event.control(), Set.of(RaciRole.values()));
        recipients.removeAll(actorIds());
        repository.insertAll(recipients.stream().map(p -> new NewNotification(p, kind, title,
                "Changed by " + by + ". You hold a RACI letter on this control.", link(event.project().value()), by)).toList(),
                clock.instant());
        chat.post(event.project(), title + " (by " + by + ")", link(event.project().value()));
    }

    /** Evidence submitted → the reviewers (compliance managers), not the uploader. */
    @EventListener
    void on(EvidenceSubmitted event) {
        var recipients = new LinkedHashSet<Long>();
        directory.enabledWithRole(Role.MANAGER).forEach(u -> recipients.add(u.value()));
        recipients.removeAll(actorIds());
        String by = Actors.currentUsername();
        repository.insertAll(recipients.stream().map(p -> new NewNotification(p, NotificationKind.EVIDENCE_SUBMITTED,
                "Evidence to review: " + event.what() + " for " + event.label(), "Submitted by " + by + ".",
                "review", by)).toList(), clock.instant());
    }

    /** Accepted / rejected → the uploader (with the comment) and the control's RACI, not the reviewer. */
    @EventListener
    void on(EvidenceReviewed event) {
        var kind = event.accepted() ? NotificationKind.EVIDENCE_ACCEPTED : NotificationKind.EVIDENCE_REJECTED;
        var recipients = new LinkedHashSet<Long>();
        directory.idOf(event.uploadedBy()).ifPresent(u -> recipients.add(u.value()));
        recipients.addAll(raciPeople(event.control(), Set.of(RaciRole.values())));
        recipients.removeAll(actorIds());
        String by = Actors.currentUsername();
        String title = "Evidence " + (event.accepted() ? "accepted" : "rejected") + ": " + event.what() + " for " + event.label();
        String body = (event.accepted() ? "Accepted" : "Rejected") + " by " + by + "."
                + (event.comment() == null ? "" : " Comment: " + event.comment());
        repository.insertAll(recipients.stream().map(p -> new NewNotification(p, kind, title, body,
                link(event.project().value()), by)).toList(), clock.instant());
        chat.post(event.project(), title + ". " + body, link(event.project().value()));
    }

    // --- internals

    LinkedHashSet<Long> raciPeople(ProjectControlId control, Set<RaciRole> roles) {
        var result = new LinkedHashSet<Long>();
        Map<TeamId, List<UserId>> cache = new LinkedHashMap<>();
        for (RaciEntry entry : raci.raci(control).entries()) {
            if (roles.contains(entry.role())) {
                result.addAll(people(entry.assignee(), cache));
            }
        }
        return result;
    }

    private List<Long> people(Assignee assignee, Map<TeamId, List<UserId>> cache) {
        if (assignee.isPerson()) {
            return List.of(assignee.user().value());
        }
        return cache.computeIfAbsent(assignee.team(), t -> directory.enabledMembersOf(List.of(t))).stream()
                .map(UserId::value).toList();
    }

    private static List<Assignee> holders(Collection<RaciEntry> entries, RaciRole role) {
        return entries.stream().filter(e -> e.role() == role).map(RaciEntry::assignee).toList();
    }

    private static List<Assignee> difference(List<Assignee> a, List<Assignee> b) {
        return a.stream().filter(x -> b.stream().noneMatch(x::sameAs)).toList();
    }

    private static void add(Map<Long, Map<NotificationKind, List<String[]>>> byPerson, long person,
                            NotificationKind kind, String line, String link, String control) {
        byPerson.computeIfAbsent(person, p -> new LinkedHashMap<>()).computeIfAbsent(kind, k -> new ArrayList<>())
                .add(new String[]{line, link, control});
    }

    private static Set<Long> actorIds() {
        var ids = new HashSet<Long>();
        Actors.current().map(DemarcUser::id).ifPresent(ids::add);
        return ids;
    }

    private static String link(long project) {
        return "projects/" + project;
    }
}
