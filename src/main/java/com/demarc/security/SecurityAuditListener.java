package com.demarc.security;

import com.demarc.audit.AuditAction;
import com.demarc.audit.AuditLog;
import com.demarc.shared.AccessDenied;
import org.springframework.context.event.EventListener;
import org.springframework.security.authorization.event.AuthorizationDeniedEvent;
import org.springframework.stereotype.Component;

/** Writes access denials (pages, project scope, method security) to the audit log, surviving the refused call. */
@Component
class SecurityAuditListener {
    private final AuditLog audit;

    SecurityAuditListener(AuditLog audit) {
        this.audit = audit;
    }

    @EventListener
    void on(AccessDenied event) {
        audit.recordIndependently(AuditAction.ACCESS_DENIED, "access", null, event.username() + " was refused: " + event.what());
    }

    @EventListener
    void on(AuthorizationDeniedEvent<?> event) {
        // Web-request denials of anonymous visitors are just "please sign in" redirects: only operations are recorded.
        if (!(event.getSource() instanceof org.aopalliance.intercept.MethodInvocation mi)) {
            return;
        }
        var auth = event.getAuthentication().get();
        String who = auth == null ? "anonymous" : auth.getName();
        String what = mi.getMethod().getDeclaringClass().getSimpleName() + "." + mi.getMethod().getName();
        audit.recordIndependently(AuditAction.ACCESS_DENIED, "access", null, who + " was refused: " + what);
    }
}
