package com.demarc.api;

import com.demarc.api.internal.ApiTokenRepository;
import com.demarc.audit.AuditAction;
import com.demarc.audit.AuditLog;
import com.demarc.organization.OrganizationService;
import com.demarc.organization.SecurityVersions;
import com.demarc.organization.ServiceAccounts;
import com.demarc.organization.Team;
import com.demarc.organization.TeamId;
import com.demarc.organization.UserId;
import com.demarc.security.CurrentUser;
import com.demarc.shared.Actors;
import com.demarc.shared.Role;
import com.demarc.shared.UserFacingException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import static com.demarc.organization.ServiceAccounts.HAS_SERVICE_ACCOUNT_MANAGE;

/**
 * What people do with REST API tokens: everyone signed in creates (shown once), lists and revokes their own personal
 * access tokens, which act with their rights and never more; admins and compliance managers create team service
 * accounts with their token, list and revoke them. Every creation and revocation is audited.
 */
@Service
public class ApiTokenService {
    static final String HAS_SIGNED_IN = "isAuthenticated()";

    private final ApiTokenRepository tokens;
    private final CurrentUser currentUser;
    private final SecurityVersions securityVersions;
    private final ServiceAccounts serviceAccounts;
    private final OrganizationService organization;
    private final ApiSettings settings;
    private final AuditLog audit;
    private final Clock clock;
    private final org.springframework.context.ApplicationEventPublisher events;

    ApiTokenService(ApiTokenRepository tokens, CurrentUser currentUser, SecurityVersions securityVersions,
                    ServiceAccounts serviceAccounts, OrganizationService organization, ApiSettings settings,
                    AuditLog audit, Clock clock, org.springframework.context.ApplicationEventPublisher events) {
        this.events = events;
        this.tokens = tokens;
        this.currentUser = currentUser;
        this.securityVersions = securityVersions;
        this.serviceAccounts = serviceAccounts;
        this.organization = organization;
        this.settings = settings;
        this.audit = audit;
        this.clock = clock;
    }

    /** The expiry the pages propose for a new token. */
    @PreAuthorize(HAS_SIGNED_IN)
    public LocalDate defaultExpiry() {
        return LocalDate.now(clock).plusDays(settings.defaultTokenLifetime().toDays());
    }

    /** A personal access token: acts as the signed-in user, with their rights as they stand at each call. */
    @PreAuthorize(HAS_SIGNED_IN)
    @Transactional
    public ApiToken.Created createPersonalToken(String name, LocalDate expiresOn) {
        var user = currentUser.require();
        if (user.id() <= 0 || serviceAccounts.isServiceAccount(new UserId(user.id()))) {
            throw new UserFacingException("Only a person's own account can have personal access tokens.");
        }
        String clean = checkName(name);
        Instant expires = checkExpiry(expiresOn);
        var state = securityVersions.state(new UserId(user.id()))
                .orElseThrow(() -> new UserFacingException("Your account no longer exists."));
        String secret = ApiTokenRepository.newSecret(ApiToken.Kind.PERSONAL);
        long id = tokens.insert(ApiToken.Kind.PERSONAL, clean, user.id(), user.getUsername(), null, null, null, secret,
                state.securityVersion(), user.getUsername(), expires);
        audit.record(AuditAction.API_TOKEN_CREATED, "api_token", id, "Created personal access token '" + clean + "' of "
                + user.getUsername(), null, "expires=" + expiresOn);
        events.publishEvent(new com.demarc.organization.AccountSecurityEvent(user.getUsername(),
                com.demarc.organization.AccountSecurityEvent.What.API_TOKEN_CREATED, "Personal access token '" + clean
                + "', expires on " + expiresOn + ". If this was not you, revoke it on the API tokens page and change your password."));
        return new ApiToken.Created(tokens.find(id).orElseThrow(), secret);
    }

    @PreAuthorize(HAS_SIGNED_IN)
    @Transactional(readOnly = true)
    public List<ApiToken> myTokens() {
        return tokens.ofUser(currentUser.require().id());
    }

    @PreAuthorize(HAS_SIGNED_IN)
    @Transactional
    public void revokeMyToken(long id) {
        var token = tokens.find(id).filter(t -> t.kind() == ApiToken.Kind.PERSONAL && t.userId() == currentUser.require().id())
                .orElseThrow(() -> new UserFacingException("This token no longer exists, or it is not yours."));
        if (tokens.revoke(id, Actors.currentUsername())) {
            audit.record(AuditAction.API_TOKEN_REVOKED, "api_token", id, "Revoked personal access token '" + token.name()
                    + "' of " + token.username(), "active", "revoked");
        }
    }

    /** The teams a service account can be made for (admins and managers see every team). */
    @PreAuthorize(HAS_SERVICE_ACCOUNT_MANAGE)
    @Transactional(readOnly = true)
    public List<Team> teams() {
        return organization.teamDirectory();
    }

    /**
     * A team service account (role MEMBER: reads and changes the team's projects; AUDITOR: reads them) with its
     * token, shown once. The account signs in with nothing else.
     */
    @PreAuthorize(HAS_SERVICE_ACCOUNT_MANAGE)
    @Transactional
    public ApiToken.Created createServiceAccount(TeamId team, String name, Role role, LocalDate expiresOn) {
        String clean = checkName(name);
        Instant expires = checkExpiry(expiresOn);
        var account = serviceAccounts.create(team, clean, role);
        var state = securityVersions.state(account.id()).orElseThrow();
        String teamName = teams().stream().filter(t -> t.id().equals(team)).map(Team::name).findFirst().orElse("?");
        String secret = ApiTokenRepository.newSecret(ApiToken.Kind.SERVICE);
        long id = tokens.insert(ApiToken.Kind.SERVICE, clean, account.id().value(), account.username(), team.value(),
                teamName, role.name(), secret, state.securityVersion(), Actors.currentUsername(), expires);
        audit.record(AuditAction.API_TOKEN_CREATED, "api_token", id, "Created the token of service account "
                + account.username() + " (" + teamName + ", " + role.label() + ")", null, "expires=" + expiresOn);
        return new ApiToken.Created(tokens.find(id).orElseThrow(), secret);
    }

    @PreAuthorize(HAS_SERVICE_ACCOUNT_MANAGE)
    @Transactional(readOnly = true)
    public List<ApiToken> serviceAccountTokens() {
        return tokens.serviceTokens();
    }

    /** Revokes a service account's token and disables the account (its next call is refused). */
    @PreAuthorize(HAS_SERVICE_ACCOUNT_MANAGE)
    @Transactional
    public void revokeServiceAccount(long tokenId) {
        var token = tokens.find(tokenId).filter(t -> t.kind() == ApiToken.Kind.SERVICE)
                .orElseThrow(() -> new UserFacingException("This service account token no longer exists."));
        if (tokens.revoke(tokenId, Actors.currentUsername())) {
            serviceAccounts.disable(new UserId(token.userId()));
            audit.record(AuditAction.API_TOKEN_REVOKED, "api_token", tokenId, "Revoked the token of service account "
                    + token.username() + " and disabled the account", "active", "revoked");
        }
    }

    private static String checkName(String name) {
        String clean = name == null ? "" : name.strip();
        if (clean.isEmpty() || clean.length() > 60) {
            throw new UserFacingException("Name the token (1 to 60 characters), e.g. the script or CI job that uses it.");
        }
        return clean;
    }

    private Instant checkExpiry(LocalDate expiresOn) {
        var today = LocalDate.now(clock);
        var latest = today.plusDays(settings.maxTokenLifetime().toDays());
        if (expiresOn == null || !expiresOn.isAfter(today) || expiresOn.isAfter(latest)) {
            throw new UserFacingException("Choose an expiry date after today and no later than " + latest
                    + " (tokens live at most " + settings.maxTokenLifetime().toDays() + " days).");
        }
        return expiresOn.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
    }
}
