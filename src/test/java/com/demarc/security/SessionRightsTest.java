package com.demarc.security;

import com.demarc.evidence.EvidenceService;
import com.demarc.organization.OrganizationService;
import com.demarc.organization.TeamId;
import com.demarc.organization.UserAccount;
import com.demarc.organization.UserDraft;
import com.demarc.shared.Actors;
import com.demarc.shared.DemarcUser;
import com.demarc.shared.Role;
import com.demarc.support.DemarcTest;
import com.demarc.support.Fixtures;
import com.demarc.support.TestFiles;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

import java.io.ByteArrayInputStream;
import java.time.LocalDate;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Rights follow changes at once: real sign-ins over HTTP (the whole Spring Security filter chain, real sessions),
 * then an administrator changes the user's rights elsewhere, and the session opened before is refreshed or ended on
 * its very next request.
 */
@DemarcTest
class SessionRightsTest {
    static final String PASSWORD = "river stone lantern 42";

    @Autowired
    WebApplicationContext context;
    @Autowired
    OrganizationService organization;
    @Autowired
    EvidenceService evidence;
    @Autowired
    Fixtures fixtures;
    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    MockMvc mvc;

    @BeforeEach
    void setUp() {
        mvc = MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
    }

    private UserAccount newUser(Set<Role> roles, Set<TeamId> teams) {
        String name = "rights-" + UUID.randomUUID().toString().substring(0, 8);
        var ref = new AtomicReference<UserAccount>();
        Actors.runAsSystem(Set.of(Role.ADMIN), () -> ref.set(organization.createUser(new UserDraft(name, "Rights " + name,
                name + "@example.com", true, roles, teams), PASSWORD)));
        return ref.get();
    }

    private UserAccount reload(UserAccount user) {
        var ref = new AtomicReference<UserAccount>();
        Actors.runAsSystem(Set.of(Role.ADMIN), () -> ref.set(organization.findUsers(user.username(), 0, 1).getFirst()));
        return ref.get();
    }

    private MockHttpSession login(String username, String password) throws Exception {
        var result = mvc.perform(post("/login").param("username", username).param("password", password).with(csrf()))
                .andReturn();
        assertThat(result.getResponse().getRedirectedUrl()).doesNotContain("error");
        return (MockHttpSession) result.getRequest().getSession(false);
    }

    private int download(long versionId, MockHttpSession session) throws Exception {
        return mvc.perform(get("/files/evidence/" + versionId).session(session)).andReturn().getResponse().getStatus();
    }

    /** A new team with one project and one uploaded file (by the system manager, so nobody here is the uploader). */
    private record TeamEvidence(TeamId team, String name, long versionId, long reviewVersion) {
    }

    private TeamEvidence teamWithEvidence(Set<com.demarc.organization.UserId> members) {
        String name = "Rights team " + UUID.randomUUID().toString().substring(0, 8);
        var team = new AtomicReference<TeamId>();
        Actors.runAsSystem(Set.of(Role.ADMIN), () -> team.set(organization.createTeam(name, "", members).id()));
        var row = fixtures.row(fixtures.project(name, "Rights", "S3"), "SRM-IAM-02");
        var version = new AtomicReference<com.demarc.evidence.EvidenceVersion>();
        Actors.runAsSystem(Set.of(Role.MANAGER), () -> version.set(evidence.upload(row.id(), null, "policy.pdf",
                new ByteArrayInputStream(TestFiles.pdf("policy")), "Policy", null, null).current()));
        return new TeamEvidence(team.get(), name, version.get().id(), version.get().version());
    }

    private static DemarcUser principal(MockHttpSession session) {
        var context = (SecurityContext) session.getAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY);
        return (DemarcUser) context.getAuthentication().getPrincipal();
    }

    /** Every test context installs its own security-context strategy: Actors sets the session's in all of them. */
    private static void inSession(MockHttpSession session, Runnable work) {
        Actors.runIn((SecurityContext) session.getAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY),
                work);
    }

    @Test
    void aManagerDemotedInAnotherSessionCanNoLongerAcceptEvidenceInTheSessionOpenedBefore() throws Exception {
        var evidenceToReview = teamWithEvidence(Set.of());
        var manager = newUser(Set.of(Role.MANAGER), Set.of());
        var session = login(manager.username(), PASSWORD);
        assertThat(download(evidenceToReview.versionId(), session)).isEqualTo(200);

        var current = reload(manager);
        Actors.runAsSystem(Set.of(Role.ADMIN), () -> organization.updateUser(current.id(), current.version(),
                new UserDraft(current.username(), current.displayName(), current.email(), true, Set.of(Role.MEMBER), Set.of())));

        // the very next request of the old session carries the new rights
        assertThat(download(evidenceToReview.versionId(), session)).isEqualTo(404); // refused: "not yours" reads as missing
        assertThat(principal(session).roles()).containsExactly(Role.MEMBER);
        inSession(session, () -> assertThatThrownBy(() -> evidence.review(evidenceToReview.versionId(),
                evidenceToReview.reviewVersion(), true, null)).isInstanceOf(AccessDeniedException.class));
    }

    @Test
    void aRemovedTeamMemberLosesTheTeamsProjectAtOnce() throws Exception {
        var member = newUser(Set.of(Role.MEMBER), Set.of());
        var team = teamWithEvidence(Set.of(member.id()));
        var session = login(member.username(), PASSWORD);
        assertThat(download(team.versionId(), session)).isEqualTo(200);

        Actors.runAsSystem(Set.of(Role.ADMIN), () -> {
            var t = organization.findTeams().stream().filter(x -> x.id().equals(team.team())).findFirst().orElseThrow();
            organization.updateTeam(t.id(), t.version(), t.name(), t.description(), Set.of());
        });

        assertThat(download(team.versionId(), session)).isEqualTo(404); // refused: "not yours" reads as missing
        assertThat(principal(session).securityVersion()).isGreaterThan(0);
    }

    @Test
    void anAuditorPastTheEndDateIsRefusedOnTheNextRequestDownloadsIncluded() throws Exception {
        var auditor = newUser(Set.of(Role.AUDITOR), Set.of());
        var files = teamWithEvidence(Set.of());
        Actors.runAsSystem(Set.of(Role.ADMIN), () -> organization.setAuditorAccess(auditor.id(), LocalDate.now().plusDays(1), Set.of()));
        var session = login(auditor.username(), PASSWORD);
        assertThat(download(files.versionId(), session)).isEqualTo(200);

        Actors.runAsSystem(Set.of(Role.ADMIN), () -> organization.setAuditorAccess(auditor.id(), LocalDate.now().minusDays(1), Set.of()));

        var response = mvc.perform(get("/files/evidence/" + files.versionId()).session(session)).andReturn().getResponse();
        assertThat(response.getStatus()).isNotEqualTo(200);
        assertThat(response.getContentAsByteArray()).isEmpty();
        assertThat(session.isInvalid()).as("the auditor's session is ended").isTrue();
    }

    @Test
    void aPasswordResetEndsTheOtherSessionsOnEveryRequestAndAnOwnChangeKeepsOnlyThisSession() throws Exception {
        var member = newUser(Set.of(Role.MEMBER), Set.of());
        var files = teamWithEvidence(Set.of(member.id()));
        var first = login(member.username(), PASSWORD);
        var second = login(member.username(), PASSWORD);
        var third = login(member.username(), PASSWORD);
        assertThat(download(files.versionId(), first)).isEqualTo(200);
        assertThat(download(files.versionId(), second)).isEqualTo(200);

        Actors.runAsSystem(Set.of(Role.ADMIN), () -> organization.resetPassword(member.id(), "amber kettle orchard 77"));

        assertThat(download(files.versionId(), first)).isNotEqualTo(200);
        assertThat(download(files.versionId(), second)).isNotEqualTo(200);
        assertThat(first.isInvalid()).isTrue();
        assertThat(second.isInvalid()).isTrue();
        // a page load of an ended session lands on the login page, which says the session was ended
        assertThat(mvc.perform(get("/").session(third)).andReturn().getResponse().getRedirectedUrl())
                .endsWith("/login?expired");
        assertThat(third.isInvalid()).isTrue();

        // the user's own password change: this session carries on, the other one ends
        var mine = login(member.username(), "amber kettle orchard 77");
        var other = login(member.username(), "amber kettle orchard 77");
        inSession(mine, () -> organization.changeOwnPassword("amber kettle orchard 77", "copper meadow lantern 19"));
        assertThat(download(files.versionId(), mine)).isEqualTo(200);
        assertThat(download(files.versionId(), other)).isNotEqualTo(200);
        assertThat(other.isInvalid()).isTrue();
    }

    @Test
    void signInFailuresAreCountedByTheServletsRemoteAddressNeverByAForgedXForwardedFor() throws Exception {
        String name = "xff-" + UUID.randomUUID().toString().substring(0, 8);
        mvc.perform(post("/login").param("username", name).param("password", "wrong password")
                .header("X-Forwarded-For", "203.0.113.9").with(csrf())
                .with(request -> {
                    request.setRemoteAddr("198.51.100.23");
                    return request;
                })).andReturn();
        assertThat(jdbc.sql("select address from login_failure where username = :u").param("u", name)
                .query(String.class).list()).containsExactly("198.51.100.23");
    }
}
