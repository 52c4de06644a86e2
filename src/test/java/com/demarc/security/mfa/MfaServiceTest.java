package com.demarc.security.mfa;

import com.demarc.organization.OrganizationService;
import com.demarc.organization.UserDraft;
import com.demarc.organization.UserId;
import com.demarc.security.MfaService;
import com.demarc.shared.Actors;
import com.demarc.shared.DemarcUser;
import com.demarc.shared.Role;
import com.demarc.shared.UserFacingException;
import com.demarc.support.DemarcTest;
import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.code.HashingAlgorithm;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** TOTP enrolment, codes computed here with the RFC 6238 generator, replay, recovery codes, throttling, admin reset. */
@DemarcTest
class MfaServiceTest {
    static final String PASSWORD = "Second-factor-Horse-42!";
    @Autowired
    MfaService mfa;
    @Autowired
    OrganizationService organization;
    @Autowired
    UserDetailsService userDetails;
    @Autowired
    JdbcClient jdbc;

    final DefaultCodeGenerator generator = new DefaultCodeGenerator(HashingAlgorithm.SHA1, 6);

    @Test
    void enrolSignInWithACodeRefuseItsReplayAndUseARecoveryCodeOnce() throws Exception {
        var user = newUser();
        var enrolment = new AtomicReference<MfaService.Enrolment>();
        var codes = new AtomicReference<List<String>>();
        long step0 = Math.floorDiv(Instant.now().getEpochSecond(), 30);
        var first = new AtomicReference<String>();
        as(user, () -> {
            enrolment.set(mfa.beginEnrolment());
            assertThat(enrolment.get().qrDataUri()).startsWith("data:image/png;base64,");
            assertThat(enrolment.get().manualKey()).matches("[A-Z2-7]{32}");
            assertThatThrownBy(() -> mfa.confirmEnrolment("000000")).isInstanceOf(UserFacingException.class)
                    .hasMessageContaining("not right");
            assertThat(mfa.myStatus().enrolled()).isFalse();
            first.set(codeAt(enrolment.get().manualKey(), step0));
            codes.set(mfa.confirmEnrolment(first.get()));
            assertThat(mfa.myStatus()).isEqualTo(new MfaService.Status(true, 10));
        });
        assertThat(codes.get()).hasSize(10).allMatch(c -> c.matches("[a-z2-9]{5}-[a-z2-9]{5}")).doesNotHaveDuplicates();
        assertThat(jdbc.sql("select code_hash from mfa_recovery_code where user_id = :u").param("u", user.id())
                .query(String.class).list()).as("stored hashed").noneMatch(h -> h.contains(codes.get().get(0).replace("-", "")));

        var id = new UserId(user.id());
        String secret = enrolment.get().manualKey();
        assertThat(mfa.verify(id, user.getUsername(), first.get(), "127.0.0.1"))
                .as("the code that confirmed the enrolment is not accepted again").isFalse();
        String next = codeAt(secret, step0 + 1);
        assertThat(mfa.verify(id, user.getUsername(), next, "127.0.0.1")).as("the next code (clock drift)").isTrue();
        assertThat(mfa.verify(id, user.getUsername(), next, "127.0.0.1")).as("replayed").isFalse();

        String recovery = codes.get().get(3);
        assertThat(mfa.verify(id, user.getUsername(), recovery.toUpperCase(), "127.0.0.1")).isTrue();
        assertThat(mfa.verify(id, user.getUsername(), recovery, "127.0.0.1")).as("a recovery code works once").isFalse();
        as(user, () -> assertThat(mfa.myStatus().recoveryCodesLeft()).isEqualTo(9));
    }

    @Test
    void tenWrongCodesLockTheSecondFactorLikeAPassword() {
        var user = newUser();
        var secret = new AtomicReference<String>();
        as(user, () -> {
            secret.set(mfa.beginEnrolment().manualKey());
            mfa.confirmEnrolment(code(secret.get(), 0));
        });
        var id = new UserId(user.id());
        for (int i = 0; i < 10; i++) {
            assertThat(mfa.verify(id, user.getUsername(), String.format("%06d", i), "127.0.0.1")).isFalse();
        }
        assertThat(mfa.verify(id, user.getUsername(), code(secret.get(), 30), "127.0.0.1"))
                .as("the right code is refused while locked").isFalse();
    }

    @Test
    void anAdminResetsTheSecondFactorAuditedAndTheUsersSessionsEnd() {
        var user = newUser();
        as(user, () -> mfa.confirmEnrolment(code(mfa.beginEnrolment().manualKey(), 0)));
        long signOutBefore = jdbc.sql("select security_version from app_user where id = :u").param("u", user.id())
                .query(Long.class).single();
        as((DemarcUser) userDetails.loadUserByUsername("admin"), () -> {
            assertThat(mfa.statusOf(new UserId(user.id())).enrolled()).isTrue();
            mfa.reset(new UserId(user.id()));
            assertThat(mfa.statusOf(new UserId(user.id()))).isEqualTo(new MfaService.Status(false, 0));
        });
        assertThat(jdbc.sql("select security_version from app_user where id = :u").param("u", user.id())
                .query(Long.class).single()).isGreaterThan(signOutBefore);
        assertThat(jdbc.sql("select count(*) from audit_log where action = 'MFA_RESET' and entity_id = :u")
                .param("u", user.getUsername()).query(Integer.class).single()).isEqualTo(1);
        as(user, () -> assertThat(mfa.beginEnrolment().manualKey()).as("may enrol again").hasSize(32));
    }

    private String code(String secret, int secondsFromNow) {
        return codeAt(secret, Math.floorDiv(Instant.now().getEpochSecond() + secondsFromNow, 30));
    }

    /** The RFC 6238 code of one 30-second time step, computed here with the library's generator. */
    private String codeAt(String secret, long step) {
        try {
            return generator.generate(secret, step);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private DemarcUser newUser() {
        String username = "mfa-" + UUID.randomUUID().toString().substring(0, 8);
        Actors.runAs((DemarcUser) userDetails.loadUserByUsername("admin"), () -> organization.createUser(
                new UserDraft(username, "MFA " + username, username + "@example.com", true, Set.of(Role.MANAGER), Set.of()),
                PASSWORD));
        return (DemarcUser) userDetails.loadUserByUsername(username);
    }

    private static void as(DemarcUser user, Runnable work) {
        Actors.runAs(user, work);
    }
}
