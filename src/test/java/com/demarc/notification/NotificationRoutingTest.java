package com.demarc.notification;

import com.demarc.evidence.EvidenceService;
import com.demarc.organization.UserDirectory;
import com.demarc.project.Project;
import com.demarc.project.ProjectControl;
import com.demarc.project.ProjectService;
import com.demarc.project.Status;
import com.demarc.raci.Assignee;
import com.demarc.raci.RaciEntry;
import com.demarc.raci.RaciRole;
import com.demarc.raci.RaciService;
import com.demarc.shared.Actors;
import com.demarc.shared.ConcurrentEditException;
import com.demarc.shared.DemarcUser;
import com.demarc.shared.UserFacingException;
import com.demarc.support.DemarcTest;
import com.demarc.support.Fixtures;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;

import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each event reaches the right people (and not the actor), in the changing transaction, scoped to its recipient. */
@DemarcTest
class NotificationRoutingTest {
    @Autowired
    RaciService raci;
    @Autowired
    ProjectService projects;
    @Autowired
    EvidenceService evidence;
    @Autowired
    NotificationService notifications;
    @Autowired
    UserDirectory users;
    @Autowired
    UserDetailsService userDetails;
    @Autowired
    Fixtures fixtures;
    @Autowired
    JdbcClient jdbc;

    <T> T as(String username, Supplier<T> work) {
        var ref = new AtomicReference<T>();
        Actors.runAs((DemarcUser) userDetails.loadUserByUsername(username), () -> ref.set(work.get()));
        return ref.get();
    }

    void as(String username, Runnable work) {
        Actors.runAs((DemarcUser) userDetails.loadUserByUsername(username), work);
    }

    @Autowired
    com.demarc.organization.OrganizationService organization;

    Assignee person(String username) {
        var u = users.findForLogin(username).orElseThrow();
        return Assignee.person(u.id(), u.displayName());
    }

    /** The titles of the notifications of this user that mention this project, by kind. */
    List<String> titles(String username, Project project, NotificationKind kind) {
        return jdbc.sql("""
                        select n.title from notification n join app_user u on u.id = n.recipient_id
                        where u.username = :u and n.kind = :k and (n.title like :p or n.body like :p) order by n.id""")
                .param("u", username).param("k", kind.name()).param("p", "%" + project.name() + "%")
                .query(String.class).list();
    }

    ProjectControl assign(Project project, String code, List<RaciEntry> entries) {
        var row = fixtures.row(project, code);
        as("manager", () -> raci.setRaci(row.id(), row.version(), entries));
        return as("manager", () -> projects.control(row.id()));
    }

    @Test
    void assignedResponsibleIsToldTheActorIsNotAndInformedHearsOfTheStatusChange() {
        var project = fixtures.project("Payments", "Notify R", "EC2");
        var row = assign(project, "SRM-IAM-02", List.of(new RaciEntry(RaciRole.A, person("manager")),
                new RaciEntry(RaciRole.R, person("alice")), new RaciEntry(RaciRole.I, person("bob"))));

        assertThat(titles("alice", project, NotificationKind.RACI_ASSIGNED)).singleElement()
                .asString().startsWith("You are now Responsible for " + project.name() + " · SRM-IAM-02");
        assertThat(titles("manager", project, NotificationKind.RACI_ASSIGNED)).as("the actor").isEmpty();
        assertThat(titles("bob", project, NotificationKind.RACI_ASSIGNED)).as("Informed is no assignment").isEmpty();

        as("alice", () -> projects.setStatus(row.id(), row.version(), Status.IN_PROGRESS, null, null, ""));
        assertThat(titles("bob", project, NotificationKind.STATUS_CHANGED)).singleElement().asString()
                .contains("Not started → In progress");
        assertThat(titles("manager", project, NotificationKind.STATUS_CHANGED)).hasSize(1);
        assertThat(titles("alice", project, NotificationKind.STATUS_CHANGED)).as("the actor").isEmpty();

        // the inbox is the recipient's own: alice sees hers, marks it read, bob cannot touch it
        var mine = as("alice", () -> notifications.mine(0, 50)).stream()
                .filter(n -> n.title().contains(project.name())).toList();
        assertThat(mine).hasSize(1).allMatch(Notification::unread);
        assertThat(mine.getFirst().link()).isEqualTo("projects/" + project.id().value());
        assertThatThrownBy(() -> as("bob", () -> notifications.markRead(mine.getFirst().id())))
                .isInstanceOf(UserFacingException.class);
        int unread = as("alice", notifications::unreadCount);
        as("alice", () -> notifications.markRead(mine.getFirst().id()));
        assertThat(as("alice", notifications::unreadCount)).isEqualTo(unread - 1);
    }

    @Test
    void aTeamLetterReachesEveryMemberAndUnassignedIsTold() {
        var project = fixtures.project("Payments", "Notify team", "EC2");
        var team = Assignee.team(fixtures.team("Payments"), "Payments (team)");
        var row = assign(project, "SRM-IAM-02", List.of(new RaciEntry(RaciRole.A, person("manager")),
                new RaciEntry(RaciRole.R, team)));
        assertThat(titles("alice", project, NotificationKind.RACI_ASSIGNED)).singleElement().asString()
                .contains("as a member of Payments (team)");

        // Responsible in person: a member of the project's team (R and A are for its members and managers, ADR 0026)
        String rita = "rita-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        Actors.runAsSystem(Set.of(com.demarc.shared.Role.ADMIN), () -> organization.createUser(
                new com.demarc.organization.UserDraft(rita, "Rita Responsible", rita + "@example.com", true,
                        Set.of(com.demarc.shared.Role.MEMBER), Set.of(fixtures.team("Payments"))), "river stone lantern 42"));
        as("manager", () -> raci.setRaci(row.id(), row.version(), List.of(new RaciEntry(RaciRole.A, person("manager")),
                new RaciEntry(RaciRole.R, person(rita)))));
        assertThat(titles("alice", project, NotificationKind.RACI_UNASSIGNED)).singleElement().asString()
                .contains("no longer Responsible");
        assertThat(titles(rita, project, NotificationKind.RACI_ASSIGNED)).hasSize(1);
    }

    @Test
    void aBulkChangeGivesOneSummaryPerPersonNotOnePerControl() {
        var one = fixtures.project("Payments", "Notify bulk", "EC2");
        var two = fixtures.project("Payments", "Notify bulk", "EC2");
        var codes = Set.of("SRM-IAM-02", "SRM-IAM-01");
        long before = countFor("alice", NotificationKind.RACI_ASSIGNED);
        var result = as("manager", () -> raci.bulkAssign(Set.of(one.id(), two.id()), codes, RaciRole.R, person("alice")));
        assertThat(result.changed()).isGreaterThan(1);
        assertThat(countFor("alice", NotificationKind.RACI_ASSIGNED)).isEqualTo(before + 1);
        var summary = jdbc.sql("""
                        select n.title || ' ' || n.body from notification n join app_user u on u.id = n.recipient_id
                        where u.username = 'alice' and n.kind = 'RACI_ASSIGNED' order by n.id desc limit 1""")
                .query(String.class).single();
        assertThat(summary).contains("You were assigned on " + result.changed() + " controls")
                .contains(one.name()).contains(two.name());
    }

    @Test
    void aRefusedChangeLeavesNoNotification() {
        var project = fixtures.project("Payments", "Notify stale", "EC2");
        var row = fixtures.row(project, "SRM-IAM-02");
        assertThatThrownBy(() -> as("manager", () -> raci.setRaci(row.id(), row.version() - 1,
                List.of(new RaciEntry(RaciRole.A, person("manager")), new RaciEntry(RaciRole.R, person("alice"))))))
                .isInstanceOf(ConcurrentEditException.class);
        assertThat(titles("alice", project, NotificationKind.RACI_ASSIGNED)).isEmpty();
    }

    @Test
    void submittedEvidenceReachesManagersAndARejectionTheUploaderWithTheComment() {
        var project = fixtures.project("Payments", "Notify evidence", "EC2");
        var row = assign(project, "SRM-IAM-02", List.of(new RaciEntry(RaciRole.A, person("manager")),
                new RaciEntry(RaciRole.R, person("alice")), new RaciEntry(RaciRole.C, person("bob"))));
        var item = as("alice", () -> evidence.addLink(row.id(), "MFA policy", "https://wiki.example.com/mfa", "", null, null));
        assertThat(titles("manager", project, NotificationKind.EVIDENCE_SUBMITTED)).singleElement().asString()
                .contains("MFA policy");
        assertThat(titles("alice", project, NotificationKind.EVIDENCE_SUBMITTED)).as("the uploader").isEmpty();

        as("manager", () -> evidence.review(item.current().id(), item.current().version(), false, "Link is private"));
        var body = jdbc.sql("""
                        select n.body from notification n join app_user u on u.id = n.recipient_id
                        where u.username = 'alice' and n.kind = 'EVIDENCE_REJECTED' and n.title like :p""")
                .param("p", "%" + project.name() + "%").query(String.class).single();
        assertThat(body).contains("Link is private");
        assertThat(titles("bob", project, NotificationKind.EVIDENCE_REJECTED)).as("the control's RACI").hasSize(1);
        assertThat(titles("manager", project, NotificationKind.EVIDENCE_REJECTED)).as("the reviewer").isEmpty();
    }

    long countFor(String username, NotificationKind kind) {
        return jdbc.sql("""
                        select count(*) from notification n join app_user u on u.id = n.recipient_id
                        where u.username = :u and n.kind = :k""").param("u", username).param("k", kind.name())
                .query(Long.class).single();
    }
}
