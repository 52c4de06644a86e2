package com.demarc.security;

import com.demarc.audit.AuditAction;
import com.demarc.audit.AuditLog;
import com.demarc.organization.SecurityVersions;
import com.demarc.organization.UserId;
import com.demarc.security.internal.LoginThrottle;
import com.demarc.security.internal.mfa.Totp;
import com.demarc.shared.Actors;
import com.demarc.shared.DemarcUser;
import com.demarc.shared.UserFacingException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.jspecify.annotations.Nullable;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import static com.demarc.shared.Permissions.HAS_USER_MANAGE;

/**
 * TOTP second factor (RFC 6238) for local accounts: enrolment (QR code and manual key, confirmed by a first code),
 * ten one-time recovery codes (hashed, shown once), the check at sign-in (throttled like passwords, a code's time step
 * accepted once) and an admin's reset. The sign-in step-up ({@link SecondFactorSignIn}) calls {@link #check} and,
 * when a role requires an app that is not enrolled yet, the {@code …AtSignIn} enrolment (ADR 0013).
 */
@Service
public class MfaService {
    static final int RECOVERY_CODES = 10;
    private static final char[] CODE_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    /** What the enrolment page shows: the QR code (a data URI image) and the same key to type in. */
    public record Enrolment(String qrDataUri, String manualKey) {
    }

    /** A user's MFA state as they and admins see it. */
    public record Status(boolean enrolled, int recoveryCodesLeft) {
    }

    /** The outcome of a code at sign-in. */
    public enum Check { ACCEPTED_CODE, ACCEPTED_RECOVERY, WRONG, LOCKED }

    private final JdbcClient jdbc;
    private final Totp totp;
    private final PasswordEncoder passwordEncoder;
    private final LoginThrottle throttle;
    private final AuditLog audit;
    private final SecurityVersions securityVersions;
    private final Clock clock;

    private final MfaPolicy policy;

    private final org.springframework.context.ApplicationEventPublisher events;

    MfaService(JdbcClient jdbc, Totp totp, PasswordEncoder passwordEncoder, LoginThrottle throttle, AuditLog audit,
               SecurityVersions securityVersions, Clock clock, MfaPolicy policy,
               org.springframework.context.ApplicationEventPublisher events) {
        this.events = events;
        this.policy = policy;
        this.jdbc = jdbc;
        this.totp = totp;
        this.passwordEncoder = passwordEncoder;
        this.throttle = throttle;
        this.audit = audit;
        this.securityVersions = securityVersions;
        this.clock = clock;
    }

    /** Starts (or restarts) the current user's enrolment; an existing confirmed second factor stays until confirmed. */
    @PreAuthorize("isAuthenticated()")
    @Transactional
    public Enrolment beginEnrolment() {
        var me = me();
        return begin(me.id(), me.getUsername());
    }

    /** The enrolment a required role asks for during sign-in, for the pending (not yet signed-in) user. */
    @Transactional
    public Enrolment beginEnrolmentAtSignIn(UserId user, String username) {
        return begin(user.value(), username);
    }

    private Enrolment begin(long id, String username) {
        if (confirmed(id)) {
            throw new UserFacingException("You already use an authenticator app: ask an administrator to reset it first.");
        }
        String secret = totp.newSecret();
        jdbc.sql("""
                        insert into mfa_secret (user_id, secret) values (:u, :s)
                        on conflict (user_id) do update set secret = excluded.secret, confirmed_at = null, last_step = 0,
                               created_at = now(), version = mfa_secret.version + 1""")
                .param("u", id).param("s", secret).update();
        return new Enrolment(totp.qrDataUri(secret, username), secret);
    }

    /** Confirms the enrolment with a first code; returns the ten recovery codes, which are never shown again. */
    @PreAuthorize("isAuthenticated()")
    @Transactional
    public List<String> confirmEnrolment(String code) {
        var me = me();
        return confirm(me.id(), me.getUsername(), code);
    }

    /** Confirms the enrolment started at sign-in; returns the recovery codes. */
    @Transactional
    public List<String> confirmEnrolmentAtSignIn(UserId user, String username, String code) {
        return confirm(user.value(), username, code);
    }

    private List<String> confirm(long id, String username, String code) {
        var secret = jdbc.sql("select secret from mfa_secret where user_id = :u and confirmed_at is null")
                .param("u", id).query(String.class).optional()
                .orElseThrow(() -> new UserFacingException("Start the enrolment first: scan the QR code, then enter its code."));
        long step = totp.matchingStep(secret, code, clock.instant()).orElseThrow(() -> new UserFacingException(
                "That code is not right: check that your device's clock is correct and enter the code shown now."));
        jdbc.sql("update mfa_secret set confirmed_at = now(), last_step = :s, version = version + 1 where user_id = :u")
                .param("s", step).param("u", id).update();
        var codes = newRecoveryCodes(id);
        audit.record(AuditAction.MFA_ENROLLED, "user", username, "Enrolled an authenticator app", null,
                RECOVERY_CODES + " recovery codes");
        events.publishEvent(new com.demarc.organization.AccountSecurityEvent(username,
                com.demarc.organization.AccountSecurityEvent.What.TWO_STEP_ENABLED, "An authenticator app was enrolled."));
        return codes;
    }

    /** Replaces the current user's recovery codes (the old ones stop working); shown once. */
    @PreAuthorize("isAuthenticated()")
    @Transactional
    public List<String> regenerateRecoveryCodes() {
        var me = me();
        if (!confirmed(me.id())) {
            throw new UserFacingException("Enrol an authenticator app first.");
        }
        var codes = newRecoveryCodes(me.id());
        audit.record(AuditAction.MFA_RECOVERY_CODES_RENEWED, "user", me.getUsername(), "Renewed recovery codes", null, null);
        return codes;
    }

    @PreAuthorize("isAuthenticated()")
    @Transactional(readOnly = true)
    public Status myStatus() {
        return status(me().id());
    }

    @PreAuthorize(HAS_USER_MANAGE)
    @Transactional(readOnly = true)
    public Status statusOf(UserId user) {
        return status(user.value());
    }

    /** The MFA state of a page of users (the users page), in one query. */
    @PreAuthorize(HAS_USER_MANAGE)
    @Transactional(readOnly = true)
    public java.util.Map<UserId, Status> statusesOf(List<UserId> users) {
        var result = new java.util.HashMap<UserId, Status>();
        users.forEach(u -> result.put(u, new Status(false, 0)));
        if (users.isEmpty()) {
            return result;
        }
        jdbc.sql("""
                        select s.user_id, (select count(*) from mfa_recovery_code c where c.user_id = s.user_id and c.used_at is null)
                        from mfa_secret s where s.user_id = any(:ids) and s.confirmed_at is not null""")
                .param("ids", users.stream().mapToLong(UserId::value).toArray())
                .query((rs, n) -> result.put(new UserId(rs.getLong(1)), new Status(true, rs.getInt(2)))).list();
        return result;
    }

    /** When the current user must have enrolled an authenticator app (their role requires one); empty if not due. */
    @PreAuthorize("isAuthenticated()")
    @Transactional(readOnly = true)
    public java.util.Optional<java.time.Instant> myDeadline() {
        var me = me();
        return policy.requiredFor(me) ? policy.deadline(me.id()) : java.util.Optional.empty();
    }

    /** An admin removes a user's second factor (lost phone): audited; the user's sessions end. */
    @PreAuthorize(HAS_USER_MANAGE)
    @Transactional
    public void reset(UserId user) {
        var username = securityVersions.state(user).map(com.demarc.organization.SessionState::username)
                .orElseThrow(() -> new UserFacingException("This user no longer exists."));
        int removed = jdbc.sql("delete from mfa_secret where user_id = :u").param("u", user.value()).update();
        jdbc.sql("delete from mfa_recovery_code where user_id = :u").param("u", user.value()).update();
        securityVersions.bump(user, SecurityVersions.Reason.SIGNED_OUT_EVERYWHERE);
        audit.record(AuditAction.MFA_RESET, "user", username, "Reset the second factor of " + username,
                removed > 0 ? "enrolled" : "not enrolled", "not enrolled");
        events.publishEvent(new com.demarc.organization.AccountSecurityEvent(username,
                com.demarc.organization.AccountSecurityEvent.What.TWO_STEP_RESET, "Reset by " + Actors.currentUsername()
                + ": set up your authenticator app again at your next sign-in."));
    }

    /**
     * The sign-in check after the password: a current TOTP code (its time step accepted once) or an unused recovery
     * code (then used up). Counted by the sign-in throttle under {@code mfa:<username>}: ten wrong codes lock it.
     */
    @Transactional
    public boolean verify(UserId user, String username, @Nullable String code, @Nullable String address) {
        var check = check(user, username, code, address);
        return check == Check.ACCEPTED_CODE || check == Check.ACCEPTED_RECOVERY;
    }

    /** {@link #verify} with the reason: which kind of code was accepted, or wrong, or locked. */
    @Transactional
    public Check check(UserId user, String username, @Nullable String code, @Nullable String address) {
        String key = "mfa:" + username;
        var attempt = throttle.attempt(key, address);
        if (!attempt.allowed()) {
            audit.recordIndependently(AuditAction.LOGIN_REFUSED_LOCKED, "user", username,
                    "Second factor refused: locked after too many wrong codes");
            return Check.LOCKED;
        }
        String clean = code == null ? "" : code.strip().replace(" ", "").replace("-", "").toLowerCase(java.util.Locale.ROOT);
        boolean totpCode = clean.matches("\\d{6}");
        boolean ok = totpCode ? totpMatches(user, clean) : recoveryMatches(user, clean);
        if (ok) {
            throttle.succeeded(key);
            audit.recordIndependently(AuditAction.MFA_VERIFIED, "user", username,
                    totpCode ? "Second factor: authenticator code" : "Second factor: recovery code used");
            return totpCode ? Check.ACCEPTED_CODE : Check.ACCEPTED_RECOVERY;
        }
        audit.recordIndependently(AuditAction.LOGIN_FAILED, "user", username, "Login failed (wrong second-factor code)");
        if (attempt.locksIfWrong()) {
            audit.recordIndependently(AuditAction.ACCOUNT_LOCKED, "user", username, "Locked after repeated wrong codes");
            events.publishEvent(new com.demarc.organization.AccountSecurityEvent(username,
                    com.demarc.organization.AccountSecurityEvent.What.SIGN_IN_LOCKED,
                    "Too many wrong two-step codes" + (address == null ? "" : " from " + address)
                    + ". If this was not you, change your password."));
            return Check.LOCKED;
        }
        return Check.WRONG;
    }

    private boolean totpMatches(UserId user, String code) {
        var row = jdbc.sql("select secret, last_step from mfa_secret where user_id = :u and confirmed_at is not null for update")
                .param("u", user.value()).query((rs, n) -> new Object[]{rs.getString(1), rs.getLong(2)}).optional();
        if (row.isEmpty()) {
            return false;
        }
        var step = totp.matchingStep((String) row.get()[0], code, clock.instant());
        if (step.isEmpty() || step.get() <= (Long) row.get()[1]) {
            return false; // wrong, or a replay of a code already accepted
        }
        jdbc.sql("update mfa_secret set last_step = :s, version = version + 1 where user_id = :u")
                .param("s", step.get()).param("u", user.value()).update();
        return true;
    }

    private boolean recoveryMatches(UserId user, String code) {
        if (code.length() != 10) {
            return false;
        }
        var unused = jdbc.sql("select id, code_hash from mfa_recovery_code where user_id = :u and used_at is null for update")
                .param("u", user.value()).query((rs, n) -> new Object[]{rs.getLong(1), rs.getString(2)}).list();
        for (var candidate : unused) {
            if (passwordEncoder.matches(code, (String) candidate[1])) {
                return jdbc.sql("update mfa_recovery_code set used_at = now(), version = version + 1 where id = :id and used_at is null")
                        .param("id", candidate[0]).update() == 1;
            }
        }
        return false;
    }

    private List<String> newRecoveryCodes(long user) {
        jdbc.sql("delete from mfa_recovery_code where user_id = :u").param("u", user).update();
        var codes = new ArrayList<String>();
        for (int i = 0; i < RECOVERY_CODES; i++) {
            var chars = new char[10];
            for (int c = 0; c < chars.length; c++) {
                chars[c] = CODE_ALPHABET[RANDOM.nextInt(CODE_ALPHABET.length)];
            }
            String code = new String(chars);
            jdbc.sql("insert into mfa_recovery_code (user_id, code_hash) values (:u, :h)")
                    .param("u", user).param("h", passwordEncoder.encode(code)).update();
            codes.add(code.substring(0, 5) + "-" + code.substring(5));
        }
        return codes;
    }

    private Status status(long user) {
        boolean enrolled = confirmed(user);
        int left = jdbc.sql("select count(*) from mfa_recovery_code where user_id = :u and used_at is null")
                .param("u", user).query(Integer.class).single();
        return new Status(enrolled, enrolled ? left : 0);
    }

    private boolean confirmed(long user) {
        return jdbc.sql("select exists(select 1 from mfa_secret where user_id = :u and confirmed_at is not null)")
                .param("u", user).query(Boolean.class).single();
    }

    private static DemarcUser me() {
        return Actors.current().orElseThrow(() -> new UserFacingException("Sign in first."));
    }
}
