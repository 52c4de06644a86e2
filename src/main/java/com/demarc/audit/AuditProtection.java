package com.demarc.audit;

import com.demarc.audit.internal.AuditRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * The start-up check of the two database roles: warns (log and audit page) when the app's own database role could
 * alter the audit log — it owns the tables, is a superuser, or holds UPDATE, DELETE, TRUNCATE or TRIGGER on them —
 * as in a single-role install where migrations and the app use the same login.
 */
@Component
class AuditProtection {
    private static final Logger log = LoggerFactory.getLogger(AuditProtection.class);

    private final AuditRepository repository;
    private volatile Optional<String> warning;

    AuditProtection(AuditRepository repository) {
        this.repository = repository;
    }

    @EventListener(ApplicationReadyEvent.class)
    void checkAtStartUp() {
        warning().ifPresent(log::warn);
    }

    Optional<String> warning() {
        var known = warning;
        if (known == null) {
            known = repository.connectedRoleCanAlterAuditLog()
                    ? Optional.of("The app's database role \"" + repository.connectedRole() + "\" can alter or delete "
                    + "audit log entries (it owns the audit tables, is a superuser, or holds UPDATE, DELETE, TRUNCATE or "
                    + "TRIGGER on them): run migrations as a separate owner role (SPRING_FLYWAY_USER / "
                    + "SPRING_FLYWAY_PASSWORD) and let the app connect as a role that owns nothing (see README, "
                    + "\"Two database roles\"). Signed checkpoints still detect rewriting.")
                    : Optional.empty();
            warning = known;
        }
        return known;
    }
}
