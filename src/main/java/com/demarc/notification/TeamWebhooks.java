package com.demarc.notification;

import com.demarc.audit.AuditAction;
import com.demarc.audit.AuditLog;
import com.demarc.notification.internal.NotificationSettings;
import com.demarc.notification.internal.WebhookRepository;
import com.demarc.notification.internal.WebhookSender;
import com.demarc.organization.OrganizationService;
import com.demarc.organization.TeamId;
import com.demarc.shared.Actors;
import com.demarc.shared.UserFacingException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.io.IOException;
import java.net.URI;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;

/**
 * Each team's optional chat webhook (Slack- and Teams-compatible JSON, {@code {"text": …}}): RACI changes, status
 * changes and evidence reviews of the team's projects are posted to it through the outbox, signed with
 * {@code X-Demarc-Signature: sha256=<HMAC-SHA256 of the body>}. Administrators and compliance managers manage them
 * (both see every team); the server fetches these URLs, so no one else may set one (SSRF).
 */
@Service
public class TeamWebhooks {
    static final String HAS_WEBHOOK_MANAGE = "hasAnyRole('ADMIN','MANAGER')";
    private static final SecureRandom RANDOM = new SecureRandom();
    private final WebhookRepository hooks;
    private final OrganizationService organization;
    private final AuditLog audit;
    private final WebhookSender sender;

    TeamWebhooks(WebhookRepository hooks, OrganizationService organization, AuditLog audit, NotificationSettings settings) {
        this.hooks = hooks;
        this.organization = organization;
        this.audit = audit;
        this.sender = new WebhookSender(settings.webhookTimeout());
    }

    /** A team and its hook: {@code url} "" when it has none; the secret is never shown again. */
    public record TeamHook(TeamId team, String teamName, String url, boolean enabled) {
        public boolean configured() {
            return !url.isEmpty();
        }
    }

    /** Every team with its hook, by team name (one row per team: bounded by the organisation's teams). */
    @PreAuthorize(HAS_WEBHOOK_MANAGE)
    @Transactional(readOnly = true)
    public List<TeamHook> list() {
        var all = hooks.all();
        return organization.teamDirectory().stream().map(t -> {
            var h = all.get(t.id().value());
            return new TeamHook(t.id(), t.name(), h == null ? "" : h.url(), h != null && h.enabled());
        }).sorted(java.util.Comparator.comparing(TeamHook::teamName, String.CASE_INSENSITIVE_ORDER)).toList();
    }

    /** Sets (or replaces) the team's hook, enabled, and returns its new signing secret: shown this once, never again. */
    @PreAuthorize(HAS_WEBHOOK_MANAGE)
    @Transactional
    public String set(TeamId team, String url) {
        var u = url == null ? "" : url.strip();
        URI uri;
        try {
            uri = URI.create(u);
        } catch (IllegalArgumentException e) {
            throw new UserFacingException("'" + u + "' is not a web address: paste the webhook URL from your chat tool.");
        }
        if (uri.getHost() == null || !("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()))
                || u.length() > 1000) {
            throw new UserFacingException("The webhook URL must start with https:// (at most 1000 characters).");
        }
        String name = teamName(team);
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String s = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        hooks.save(team.value(), u, s);
        audit.record(AuditAction.TEAM_UPDATED, "team", team.value(), "Set the chat webhook of " + name, null, uri.getHost());
        return s;
    }

    @PreAuthorize(HAS_WEBHOOK_MANAGE)
    @Transactional
    public void remove(TeamId team) {
        String name = teamName(team);
        if (hooks.remove(team.value())) {
            audit.record(AuditAction.TEAM_UPDATED, "team", team.value(), "Removed the chat webhook of " + name, "webhook", null);
        }
    }

    /** Pauses or resumes the team's hook (posts queued meanwhile are skipped, not sent late). */
    @PreAuthorize(HAS_WEBHOOK_MANAGE)
    @Transactional
    public void setEnabled(TeamId team, boolean enabled) {
        String name = teamName(team);
        if (!hooks.setEnabled(team.value(), enabled)) {
            throw new UserFacingException(name + " has no chat webhook: set its URL first.");
        }
        audit.record(AuditAction.TEAM_UPDATED, "team", team.value(), (enabled ? "Resumed" : "Paused")
                + " the chat webhook of " + name, null, null);
    }

    /** The team's hook URL, or "" when it has none (the secret is never shown again). */
    @PreAuthorize(HAS_WEBHOOK_MANAGE)
    @Transactional(readOnly = true)
    public String url(TeamId team) {
        var hook = hooks.find(team.value());
        return hook == null ? "" : hook.url();
    }

    /**
     * Posts a signed test message to the team's hook now (not through the outbox: the person waits for the answer);
     * returns what to show, or throws with the reason (HTTP status, timeout) and what to check.
     */
    @PreAuthorize(HAS_WEBHOOK_MANAGE)
    public String sendTest(TeamId team) {
        String name = teamName(team);
        var hook = hooks.find(team.value());
        if (hook == null) {
            throw new UserFacingException(name + " has no chat webhook: set its URL first.");
        }
        try {
            sender.post(hook.url(), hook.secret(), "Test message from Demarc for team " + name + " (sent by "
                    + Actors.currentUsername() + "): RACI changes, status changes and evidence reviews of this team's "
                    + "projects will appear here.");
            return "The test message was delivered to " + URI.create(hook.url()).getHost() + ".";
        } catch (IOException | RuntimeException e) {
            throw new UserFacingException("The test message was not delivered: " + e.getMessage()
                    + ". Check the URL in your chat tool's webhook settings, and that Demarc's server can reach it.");
        }
    }

    private String teamName(TeamId team) {
        return organization.teamDirectory().stream().filter(t -> t.id().equals(team)).map(t -> t.name()).findFirst()
                .orElseThrow(() -> new UserFacingException("This team no longer exists: reload the page."));
    }
}
