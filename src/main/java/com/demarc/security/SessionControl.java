package com.demarc.security;

import com.demarc.audit.AuditAction;
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
    private final com.demarc.audit.AuditLog audit;

    SessionControl(SessionRegistry registry, com.demarc.audit.AuditLog audit) {
        this.registry = registry;
        this.audit = audit;
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

    /** A live session as administrators see it. */
    public record LiveSession(String sessionId, long userId, String username, String displayName,
                              java.util.Date lastRequest) {
    }

    /** Every live session, most recently active first. */
    @org.springframework.security.access.prepost.PreAuthorize(com.demarc.shared.Permissions.HAS_USER_MANAGE)
    public java.util.List<LiveSession> sessions() {
        var list = new java.util.ArrayList<LiveSession>();
        for (Object principal : registry.getAllPrincipals()) {
            if (principal instanceof DemarcUser user) {
                for (var session : registry.getAllSessions(principal, false)) {
                    list.add(new LiveSession(session.getSessionId(), user.id(), user.getUsername(), user.displayName(),
                            session.getLastRequest()));
                }
            }
        }
        list.sort(java.util.Comparator.comparing(LiveSession::lastRequest).reversed());
        return list;
    }

    /** Ends one session (an administrator's action, audited). */
    @org.springframework.security.access.prepost.PreAuthorize(com.demarc.shared.Permissions.HAS_USER_MANAGE)
    @org.springframework.transaction.annotation.Transactional
    public void endSession(String sessionId) {
        var info = registry.getSessionInformation(sessionId);
        if (info != null) {
            info.expireNow();
            audit.record(AuditAction.SESSION_ENDED, "session", null, "Ended a session of " + ((DemarcUser) info.getPrincipal()).getUsername(),
                    null, null);
        }
    }

    /** How many live sessions a user has. */
    public int liveSessions(long userId) {
        return registry.getAllPrincipals().stream()
                .filter(p -> p instanceof DemarcUser u && u.id() == userId)
                .mapToInt(p -> registry.getAllSessions(p, false).size()).sum();
    }
}
