package com.demarc.organization;

import com.demarc.organization.internal.UserRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.Optional;

/**
 * The per-user security version: any change of a user's rights bumps it in the same transaction, and every request
 * of every session compares it with the version the session holds (one primary-key read), so rights follow at once
 * on every node. Reasons that {@linkplain Reason#endsSessions() end sessions} also raise the sign-out version: every
 * session issued before is ended instead of refreshed. Other modules (e.g. company sign-in) call {@link #bump}.
 */
@Service
public class SecurityVersions {
    private static final Logger log = LoggerFactory.getLogger(SecurityVersions.class);

    /** Why a user's rights changed. */
    public enum Reason {
        ROLES_CHANGED(false), TEAMS_CHANGED(false), AUDITOR_ACCESS_CHANGED(false), ENABLED(false),
        PASSWORD_RESET(true), PASSWORD_CHANGED(true), DISABLED(true), SIGNED_OUT_EVERYWHERE(true);

        private final boolean endsSessions;

        Reason(boolean endsSessions) {
            this.endsSessions = endsSessions;
        }

        /** True when the user's existing sessions are ended rather than refreshed. */
        public boolean endsSessions() {
            return endsSessions;
        }
    }

    private final UserRepository users;
    private final ApplicationEventPublisher events;

    SecurityVersions(UserRepository users, ApplicationEventPublisher events) {
        this.users = users;
        this.events = events;
    }

    /** Bumps the user's security version within the caller's transaction; returns the new version. */
    @Transactional
    public long bump(UserId user, Reason reason) {
        long version = users.bumpSecurityVersion(user, reason.endsSessions());
        log.info("Security version of user {} is now {} ({})", user.value(), version, reason);
        events.publishEvent(new SecurityVersionChanged(user, version, reason));
        return version;
    }

    /** What a session needs to compare and refresh: empty when the account no longer exists. */
    @Transactional(readOnly = true)
    public Optional<SessionState> state(UserId user) {
        return users.sessionState(user);
    }
}
