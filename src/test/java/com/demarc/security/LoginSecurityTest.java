package com.demarc.security;

import com.demarc.audit.AuditFilter;
import com.demarc.audit.AuditLog;
import com.demarc.organization.OrganizationService;
import com.demarc.organization.UserDraft;
import com.demarc.organization.UserDirectory;
import com.demarc.project.ProjectService;
import com.demarc.shared.Actors;
import com.demarc.shared.DemarcUser;
import com.demarc.shared.Role;
import com.demarc.support.DemarcTest;
import com.demarc.support.Fixtures;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.test.context.support.WithUserDetails;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Throttling, user enumeration, auditor end dates and scopes — through the real sign-in provider. */
@DemarcTest
class LoginSecurityTest {
    static final String PASSWORD = "river stone lantern 42";

    @Autowired
    AuthenticationProvider signIn;
    @Autowired
    OrganizationService organization;
    @Autowired
    UserDirectory users;
    @Autowired
    ProjectService projects;
    @Autowired
    Fixtures fixtures;
    @Autowired
    AuditLog audit;
    @Autowired
    com.demarc.security.internal.LoginThrottle throttle;
    @Autowired
    org.springframework.security.core.userdetails.UserDetailsService userDetails;
    @Autowired
    org.springframework.security.crypto.password.PasswordEncoder passwordEncoder;
    @Autowired
    MfaPolicy mfaPolicy;
    @Autowired
    com.demarc.organization.AccountSignIn accountSignIn;

    private String newUser(Role role) {
        String name = "sec-" + UUID.randomUUID().toString().substring(0, 8);
        Actors.runAsSystem(Set.of(Role.ADMIN), () -> organization.createUser(new UserDraft(name, "Sec " + name,
                name + "@example.com", true, Set.of(role), Set.of()), PASSWORD));
        return name;
    }

    private org.springframework.security.core.Authentication login(String user, String password) {
        return signIn.authenticate(new UsernamePasswordAuthenticationToken(user, password));
    }

    @Test
    void whenNoPasswordCheckCanStartInTimeKnownAndUnknownAccountsHearTheSameBusyAnswer() throws Exception {
        var held = new HeldPasswordEncoder();
        var busyEncoder = new BoundedPasswordEncoder(held, 1, java.time.Duration.ofMillis(50));
        var provider = new ThrottlingAuthenticationProvider(userDetails, busyEncoder, throttle, audit, mfaPolicy, accountSignIn);
        String user = newUser(Role.MEMBER);
        try (var pool = java.util.concurrent.Executors.newSingleThreadExecutor()) {
            pool.submit(() -> busyEncoder.matches("x", "{held}x")); // a sign-in storm: every slot taken
            held.started.await();
            String unknown = "nobody-" + UUID.randomUUID();
            for (String name : java.util.List.of(user, unknown)) {
                assertThatThrownBy(() -> provider.authenticate(new UsernamePasswordAuthenticationToken(name, PASSWORD)))
                        .isInstanceOf(BoundedPasswordEncoder.Busy.class)
                        .hasMessage("Too many sign-ins at once: password checks are queued. Try again in a moment.");
            }
            held.release.countDown();
            Actors.runAsSystem(Set.of(Role.AUDITOR), () -> assertThat(audit.find(new AuditFilter(null, "LOGIN_FAILED",
                    user, null, null), 0, 5)).extracting(e -> e.summary()).contains("Login failed (password checks busy)"));
        }
        // the sign-in page says so, not "wrong password"
        var response = new org.springframework.mock.web.MockHttpServletResponse();
        SecondFactorHandlers.failureHandler(null, audit).onAuthenticationFailure(
                new org.springframework.mock.web.MockHttpServletRequest(), response, new BoundedPasswordEncoder.Busy());
        assertThat(response.getRedirectedUrl()).isEqualTo("/login?busy");
    }

    @Test
    void tenFailuresLockTheAccountAndEvenTheRightPasswordIsRefusedWithTheSameMessage() {
        String user = newUser(Role.MEMBER);
        assertThat(login(user, PASSWORD).getName()).isEqualTo(user);
        for (int i = 0; i < 10; i++) {
            assertThatThrownBy(() -> login(user, "wrong password " + UUID.randomUUID()))
                    .isInstanceOf(BadCredentialsException.class).hasMessage("Bad credentials");
        }
        assertThatThrownBy(() -> login(user, PASSWORD)).isInstanceOf(BadCredentialsException.class).hasMessage("Bad credentials");
        Actors.runAsSystem(Set.of(Role.AUDITOR), () -> {
            assertThat(audit.find(new AuditFilter(null, "ACCOUNT_LOCKED", user, null, null), 0, 5)).hasSize(1);
            assertThat(audit.count(new AuditFilter(null, "LOGIN_FAILED", user, null, null))).isEqualTo(10);
            assertThat(audit.count(new AuditFilter(null, "LOGIN_REFUSED_LOCKED", user, null, null))).isEqualTo(1);
            assertThat(audit.count(new AuditFilter(null, "LOGIN_SUCCEEDED", user, null, null))).isEqualTo(1);
        });
    }

    @Test
    void anUnknownUserGetsTheSameAnswerAndCostsAboutTheSameTimeAsAWrongPassword() {
        String user = newUser(Role.MEMBER);
        var wrongPassword = new ArrayList<Long>();
        var unknownUser = new ArrayList<Long>();
        String unknownMessage = null;
        String wrongMessage = null;
        for (int i = 0; i < 5; i++) {
            long t0 = System.nanoTime();
            try {
                login(user, "not it " + i);
            } catch (AuthenticationException e) {
                wrongMessage = e.getClass().getSimpleName() + ":" + e.getMessage();
            }
            wrongPassword.add(System.nanoTime() - t0);
            long t1 = System.nanoTime();
            try {
                login("nobody-" + UUID.randomUUID(), "not it " + i);
            } catch (AuthenticationException e) {
                unknownMessage = e.getClass().getSimpleName() + ":" + e.getMessage();
            }
            unknownUser.add(System.nanoTime() - t1);
        }
        assertThat(unknownMessage).isEqualTo(wrongMessage).isEqualTo("BadCredentialsException:Bad credentials");
        Collections.sort(wrongPassword);
        Collections.sort(unknownUser);
        // both pay for one Argon2id check: the medians are within a factor of three of each other
        assertThat(unknownUser.get(2)).isGreaterThan(wrongPassword.get(2) / 3);
        assertThat(wrongPassword.get(2)).isGreaterThan(unknownUser.get(2) / 3);
    }

    @Test
    void anAuditorPastTheirEndDateCannotSignIn() {
        String auditor = newUser(Role.AUDITOR);
        var id = users.findForLogin(auditor).orElseThrow().id();
        Actors.runAsSystem(Set.of(Role.ADMIN), () -> organization.setAuditorAccess(id, LocalDate.now().plusDays(1), Set.of()));
        assertThat(login(auditor, PASSWORD).getName()).isEqualTo(auditor);
        Actors.runAsSystem(Set.of(Role.ADMIN), () -> organization.setAuditorAccess(id, LocalDate.now().minusDays(1), Set.of()));
        assertThatThrownBy(() -> login(auditor, PASSWORD)).isInstanceOf(AuthenticationException.class);
    }

    @Test
    void anAuditorWithAScopeReadsOnlyThoseTeams() {
        String auditor = newUser(Role.AUDITOR);
        var account = users.findForLogin(auditor).orElseThrow();
        Actors.runAsSystem(Set.of(Role.ADMIN), () -> organization.setAuditorAccess(account.id(), null,
                Set.of(fixtures.team("Payments"))));
        var payments = fixtures.project("Payments", "Scoped", "S3");
        var data = fixtures.project("Data Platform", "Out of scope", "S3");
        var principal = new DemarcUser(account.id().value(), auditor, auditor, Set.of(Role.AUDITOR), true, null);
        Actors.runAs(principal, () -> {
            assertThat(projects.project(payments.id()).name()).isEqualTo(payments.name());
            assertThatThrownBy(() -> projects.project(data.id())).isInstanceOf(AccessDeniedException.class);
            assertThat(projects.findProjects("", false, 0, 1000)).noneMatch(p -> p.teamName().equals("Data Platform"));
        });
    }

    @Test
    @WithUserDetails("bob")
    void aRefusalIsAudited() {
        var payments = fixtures.project("Payments", "Refused", "S3");
        assertThatThrownBy(() -> projects.project(payments.id())).isInstanceOf(AccessDeniedException.class);
        Actors.runAsSystem(Set.of(Role.AUDITOR), () -> assertThat(audit.find(new AuditFilter("bob", "ACCESS_DENIED",
                "read project " + payments.id().value(), null, null), 0, 5)).isNotEmpty());
    }

    @Test
    void fiftyParallelWrongPasswordsRecordAtMostTenFailuresBeforeTheLock() throws Exception {
        String user = newUser(Role.MEMBER);
        int threads = 50;
        var pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        var start = new java.util.concurrent.CountDownLatch(1);
        var refused = new java.util.concurrent.atomic.AtomicInteger();
        try {
            var futures = new ArrayList<java.util.concurrent.Future<?>>();
            for (int i = 0; i < threads; i++) {
                int n = i;
                futures.add(pool.submit(() -> {
                    start.await();
                    try {
                        login(user, "wrong guess " + n);
                    } catch (BadCredentialsException e) {
                        refused.incrementAndGet();
                    }
                    return null;
                }));
            }
            start.countDown();
            for (var f : futures) {
                f.get(5, java.util.concurrent.TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(refused).hasValue(threads);
        assertThat(throttle.recentFailures(user)).isEqualTo(10);
        Actors.runAsSystem(Set.of(Role.AUDITOR), () -> {
            assertThat(audit.count(new AuditFilter(null, "LOGIN_FAILED", user, null, null))).isEqualTo(10);
            assertThat(audit.count(new AuditFilter(null, "LOGIN_REFUSED_LOCKED", user, null, null))).isEqualTo(40);
            assertThat(audit.count(new AuditFilter(null, "ACCOUNT_LOCKED", user, null, null))).isEqualTo(1);
        });
        assertThatThrownBy(() -> login(user, PASSWORD)).isInstanceOf(BadCredentialsException.class);
    }

    /** Counts the password checks, to show every kind of refusal costs the same Argon2 work (no timing oracle). */
    static final class CountingEncoder implements org.springframework.security.crypto.password.PasswordEncoder {
        final org.springframework.security.crypto.password.PasswordEncoder real;
        final java.util.concurrent.atomic.AtomicInteger matches = new java.util.concurrent.atomic.AtomicInteger();

        CountingEncoder(org.springframework.security.crypto.password.PasswordEncoder real) {
            this.real = real;
        }

        @Override
        public String encode(CharSequence raw) {
            return real.encode(raw);
        }

        @Override
        public boolean matches(CharSequence raw, String encoded) {
            matches.incrementAndGet();
            return real.matches(raw, encoded);
        }
    }

    @Test
    void unknownDisabledExpiredLockedAndWrongPasswordAllCostOnePasswordCheckAndGetTheSameAnswer() {
        var encoder = new CountingEncoder(passwordEncoder);
        var provider = new ThrottlingAuthenticationProvider(userDetails, encoder, throttle, audit, mfaPolicy, accountSignIn);
        String wrong = newUser(Role.MEMBER);
        String disabled = newUser(Role.MEMBER);
        Actors.runAsSystem(Set.of(Role.ADMIN), () -> {
            var u = organization.findUsers(disabled, 0, 1).getFirst();
            organization.updateUser(u.id(), u.version(), new UserDraft(u.username(), u.displayName(), u.email(), false,
                    u.roles(), Set.of()));
        });
        String expired = newUser(Role.AUDITOR);
        Actors.runAsSystem(Set.of(Role.ADMIN), () -> organization.setAuditorAccess(
                users.findForLogin(expired).orElseThrow().id(), LocalDate.now().minusDays(1), Set.of()));
        String locked = newUser(Role.MEMBER);
        for (int i = 0; i < 10; i++) {
            assertThatThrownBy(() -> login(locked, "nope")).isInstanceOf(BadCredentialsException.class);
        }
        var cases = java.util.Map.of(
                "unknown user", new String[]{"nobody-" + UUID.randomUUID(), PASSWORD},
                "wrong password", new String[]{wrong, "not the password"},
                "disabled, right password", new String[]{disabled, PASSWORD},
                "expired auditor, right password", new String[]{expired, PASSWORD},
                "locked, right password", new String[]{locked, PASSWORD});
        cases.forEach((what, c) -> {
            int before = encoder.matches.get();
            assertThatThrownBy(() -> provider.authenticate(new UsernamePasswordAuthenticationToken(c[0], c[1])))
                    .as(what).isInstanceOf(BadCredentialsException.class).hasMessage("Bad credentials");
            assertThat(encoder.matches.get() - before).as(what + ": password checks").isEqualTo(1);
        });
        int before = encoder.matches.get();
        assertThat(provider.authenticate(new UsernamePasswordAuthenticationToken(wrong, PASSWORD)).getName()).isEqualTo(wrong);
        assertThat(encoder.matches.get() - before).isEqualTo(1);
    }
}
