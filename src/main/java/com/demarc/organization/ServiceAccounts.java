package com.demarc.organization;

import com.demarc.audit.AuditAction;
import com.demarc.audit.AuditLog;
import com.demarc.organization.internal.UserRepository;
import com.demarc.shared.Actors;
import com.demarc.shared.Role;
import com.demarc.shared.UserFacingException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.Locale;
import java.util.Set;

/**
 * Team service accounts for the REST API (module api issues their tokens): an account of its own (source
 * {@code SERVICE}, no password, so the sign-in form refuses it) in exactly one team, as a team member (reads and
 * changes that team's projects) or an auditor scoped to that team (reads only). Being a real account, every scope
 * check of every service applies to it unchanged, and admins see it on the users page.
 */
@Service
public class ServiceAccounts {
    /** Admins and compliance managers create and disable service accounts. */
    public static final String HAS_SERVICE_ACCOUNT_MANAGE = "hasAnyRole('ADMIN','MANAGER')";

    private final UserRepository users;
    private final SecurityVersions securityVersions;
    private final JdbcClient jdbc;
    private final AuditLog audit;

    ServiceAccounts(UserRepository users, SecurityVersions securityVersions, JdbcClient jdbc, AuditLog audit) {
        this.users = users;
        this.securityVersions = securityVersions;
        this.jdbc = jdbc;
        this.audit = audit;
    }

    @PreAuthorize(HAS_SERVICE_ACCOUNT_MANAGE)
    @Transactional
    public UserRef create(TeamId team, String name, Role role) {
        String clean = name == null ? "" : name.strip();
        if (clean.isEmpty() || clean.length() > 60) {
            throw new UserFacingException("Name the service account (1 to 60 characters), e.g. the CI job that uses it.");
        }
        if (role != Role.MEMBER && role != Role.AUDITOR) {
            throw new UserFacingException("A service account is a team member (reads and changes the team's projects) "
                    + "or an auditor (reads only): choose one of them.");
        }
        String teamName = jdbc.sql("select name from team where id = :id").param("id", team.value()).query(String.class)
                .optional().orElseThrow(() -> new UserFacingException("This team no longer exists: choose another."));
        String slug = (teamName + "-" + clean).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-")
                .replaceAll("^-+|-+$", "");
        String username = ("svc-" + slug);
        if (username.length() > 64) {
            username = username.substring(0, 64).replaceAll("-+$", "");
        }
        if (users.exists(username)) {
            throw new UserFacingException("A service account '" + username + "' exists already: choose another name.");
        }
        String display = clean + " (" + teamName + " service account)";
        UserId id = users.insert(username, display, username + "@service.invalid", null, true, Set.of(role),
                Actors.currentUsername());
        jdbc.sql("update app_user set source = 'SERVICE' where id = :id").param("id", id.value()).update();
        if (role == Role.MEMBER) {
            users.replaceMemberships(id, Set.of(team));
        } else {
            users.setAuditorAccess(id, null, Set.of(team), Actors.currentUsername());
        }
        audit.record(AuditAction.SERVICE_ACCOUNT_CREATED, "user", username, "Created service account " + username
                + " of team " + teamName, null, "role=" + role.name() + "; team=" + teamName);
        return new UserRef(id, username, display);
    }

    /** Disables the account (its tokens are refused from the next call on, like its sessions would end). */
    @PreAuthorize(HAS_SERVICE_ACCOUNT_MANAGE)
    @Transactional
    public void disable(UserId id) {
        int changed = jdbc.sql("update app_user set enabled = false, updated_at = now(), updated_by = :a, version = version + 1"
                        + " where id = :id and source = 'SERVICE' and enabled")
                .param("a", Actors.currentUsername()).param("id", id.value()).update();
        if (changed == 1) {
            securityVersions.bump(id, SecurityVersions.Reason.DISABLED);
        }
    }

    /** True when this account is a service account (never a person). */
    @Transactional(readOnly = true)
    public boolean isServiceAccount(UserId id) {
        return jdbc.sql("select exists(select 1 from app_user where id = :id and source = 'SERVICE')")
                .param("id", id.value()).query(Boolean.class).single();
    }
}
