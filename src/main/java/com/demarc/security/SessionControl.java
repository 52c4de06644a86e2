package com.demarc.security;

import com.demarc.organization.UserDisabled;
import com.demarc.shared.DemarcUser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.stereotype.Service;
import org.springframework.transaction.event.TransactionalEventListener;

/** Ends a user's live sessions when their account is disabled. */
@Service
public class SessionControl {
    private static final Logger log = LoggerFactory.getLogger(SessionControl.class);
    private final SessionRegistry registry;

    SessionControl(SessionRegistry registry) {
        this.registry = registry;
    }

    @TransactionalEventListener
    void on(UserDisabled event) {
        int ended = endSessions(event.userId().value());
        log.info("Account {} disabled: ended {} session(s)", event.username(), ended);
    }

    /** Expires every session of the user; their next request goes to the login page. */
    public int endSessions(long userId) {
        int ended = 0;
        for (Object principal : registry.getAllPrincipals()) {
            if (principal instanceof DemarcUser user && user.id() == userId) {
                for (var session : registry.getAllSessions(principal, false)) {
                    session.expireNow();
                    ended++;
                }
            }
        }
        return ended;
    }

    /** How many live sessions a user has. */
    public int liveSessions(long userId) {
        return registry.getAllPrincipals().stream()
                .filter(p -> p instanceof DemarcUser u && u.id() == userId)
                .mapToInt(p -> registry.getAllSessions(p, false).size()).sum();
    }
}
