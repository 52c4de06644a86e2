package com.demarc.security;

import com.demarc.shared.DemarcUser;
import com.demarc.shared.Role;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Which second step a password sign-in needs: a code (an authenticator app is enrolled), enrolment (a required role
 * — {@code demarc.security.mfa.required-roles} — and the grace period since the rule first applied at sign-in is
 * over), or none (within grace the navigation bar shows the deadline). Only the local form reaches this: accounts from
 * the identity provider have no password, their second factor is the provider's.
 */
@Component
class MfaPolicy {
    /** What the sign-in asks after the password. */
    enum Step { NONE, CODE, ENROL }

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Set<Role> requiredRoles;
    private final Duration grace;

    MfaPolicy(JdbcClient jdbc, Clock clock,
              @Value("${demarc.security.mfa.required-roles:ADMIN,MANAGER}") Set<Role> requiredRoles,
              @Value("${demarc.security.mfa.grace-period:7d}") Duration grace) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.requiredRoles = requiredRoles.isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(requiredRoles);
        this.grace = grace;
    }

    /** At a password sign-in: records since when the rule applies (or that it no longer does) and says what is next. */
    Step assess(DemarcUser user) {
        if (enrolled(user.id())) {
            return Step.CODE;
        }
        if (user.roles().stream().noneMatch(requiredRoles::contains)) {
            jdbc.sql("delete from mfa_requirement where user_id = :u").param("u", user.id()).update();
            return Step.NONE;
        }
        jdbc.sql("insert into mfa_requirement (user_id, required_since) values (:u, :now) on conflict (user_id) do nothing")
                .param("u", user.id()).param("now", OffsetDateTime.now(clock)).update();
        return deadline(user.id()).filter(d -> !clock.instant().isBefore(d)).isPresent() ? Step.ENROL : Step.NONE;
    }

    /** When a user without an authenticator app must have one (empty: not required, or already enrolled). */
    Optional<Instant> deadline(long user) {
        return jdbc.sql("""
                        select r.required_since from mfa_requirement r
                        where r.user_id = :u and not exists (select 1 from mfa_secret s where s.user_id = r.user_id and s.confirmed_at is not null)""")
                .param("u", user).query(OffsetDateTime.class).optional().map(t -> t.toInstant().plus(grace));
    }

    boolean requiredFor(DemarcUser user) {
        return user.roles().stream().anyMatch(requiredRoles::contains);
    }

    private boolean enrolled(long user) {
        return jdbc.sql("select exists(select 1 from mfa_secret where user_id = :u and confirmed_at is not null)")
                .param("u", user).query(Boolean.class).single();
    }
}
