package com.demarc.security;

import com.demarc.organization.UserId;
import com.demarc.shared.DemarcUser;
import com.demarc.shared.UserFacingException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

import java.io.Serial;
import java.io.Serializable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The second step of a password sign-in. After the password the session holds <em>no authentication</em>, only this
 * pending sign-in (server-side, in the HTTP session): every route, download and service refuses it as anonymous, and
 * only the page <em>Two-step sign-in</em> ({@code login/two-step}, anonymous) uses it. Once a code is accepted (or
 * the enrolment a role requires is confirmed), {@code /login/two-step/done} swaps the real authentication in and
 * changes the session id. Not method-secured: the person comes from the server-held pending state, never from input.
 */
@Service
public class SecondFactorSignIn {
    /** What the pending sign-in waits for: a code, or the enrolment of an authenticator app (required by role). */
    public enum Mode { CODE, ENROL }

    /** The outcome of one code. */
    public enum Result { ACCEPTED, WRONG, LOCKED, EXPIRED }

    static final String PENDING = "demarc.security.pending-sign-in";
    /** A password accepted this long ago without its second step starts over at the sign-in page. */
    static final Duration VALID_FOR = Duration.ofMinutes(5);

    record Pending(DemarcUser user, Mode mode, Instant startedAt, @Nullable Object details, boolean verified,
                   @Nullable String how) implements Serializable {
        @Serial
        private static final long serialVersionUID = 1L;

        Pending verified(String how) {
            return new Pending(user, mode, startedAt, details, true, how);
        }
    }

    private final MfaService mfa;
    private final Clock clock;

    SecondFactorSignIn(MfaService mfa, Clock clock) {
        this.mfa = mfa;
        this.clock = clock;
    }

    /** What the pending sign-in of this browser session waits for; empty when there is none (or it expired). */
    public Optional<Mode> pending(HttpServletRequest request) {
        return current(request).filter(p -> !p.verified()).map(Pending::mode);
    }

    /** Checks a code (authenticator or recovery) for the pending sign-in; ten wrong ones lock it like a password. */
    public Result verify(HttpServletRequest request, String code) {
        var pending = current(request).filter(p -> p.mode() == Mode.CODE).orElse(null);
        if (pending == null) {
            return Result.EXPIRED;
        }
        var user = pending.user();
        var check = mfa.check(new UserId(user.id()), user.getUsername(), code, request.getRemoteAddr());
        switch (check) {
            case ACCEPTED_CODE, ACCEPTED_RECOVERY -> {
                store(request, pending.verified(check == MfaService.Check.ACCEPTED_CODE ? "authenticator code" : "recovery code"));
                return Result.ACCEPTED;
            }
            case LOCKED -> {
                cancel(request);
                return Result.LOCKED;
            }
            default -> {
                return Result.WRONG;
            }
        }
    }

    /** Starts the enrolment a role requires (the QR code and key for the pending user). */
    public MfaService.Enrolment beginEnrolment(HttpServletRequest request) {
        var pending = enrolling(request);
        return mfa.beginEnrolmentAtSignIn(new UserId(pending.user().id()), pending.user().getUsername());
    }

    /** Confirms it with a first code: the sign-in may complete; returns the recovery codes, shown once. */
    public List<String> confirmEnrolment(HttpServletRequest request, String code) {
        var pending = enrolling(request);
        var codes = mfa.confirmEnrolmentAtSignIn(new UserId(pending.user().id()), pending.user().getUsername(), code);
        store(request, pending.verified("authenticator app enrolled"));
        return codes;
    }

    /** Forgets the pending sign-in (the person starts over with their password). */
    public void cancel(HttpServletRequest request) {
        var session = request.getSession(false);
        if (session != null) {
            session.removeAttribute(PENDING);
        }
    }

    /** After the password: remembers who waits for which second step (the session id changes here too). */
    void start(HttpServletRequest request, DemarcUser user, Mode mode, @Nullable Object details) {
        if (request.getSession(false) != null) {
            request.changeSessionId();
        }
        user.eraseCredentials();
        store(request, new Pending(user, mode, clock.instant(), details, false, null));
    }

    /** The verified pending sign-in, taken out of the session (once). */
    Optional<Pending> takeVerified(HttpServletRequest request) {
        var verified = current(request).filter(Pending::verified);
        verified.ifPresent(p -> cancel(request));
        return verified;
    }

    private Pending enrolling(HttpServletRequest request) {
        return current(request).filter(p -> p.mode() == Mode.ENROL && !p.verified()).orElseThrow(() ->
                new UserFacingException("Your sign-in took too long: sign in again with your password."));
    }

    private Optional<Pending> current(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session == null || !(session.getAttribute(PENDING) instanceof Pending pending)) {
            return Optional.empty();
        }
        if (pending.startedAt().plus(VALID_FOR).isBefore(clock.instant())) {
            session.removeAttribute(PENDING);
            return Optional.empty();
        }
        return Optional.of(pending);
    }

    private static void store(HttpServletRequest request, Pending pending) {
        request.getSession().setAttribute(PENDING, pending);
    }
}
