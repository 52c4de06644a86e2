package com.demarc.notification;

import com.demarc.notification.internal.WebhookRepository;
import com.demarc.organization.TeamId;
import com.demarc.shared.Permissions;
import com.demarc.shared.UserFacingException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.net.URI;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Each team's optional chat webhook (Slack- and Teams-compatible JSON, {@code {"text": …}}): status changes and
 * evidence reviews of the team's projects are posted to it through the outbox, signed with
 * {@code X-Demarc-Signature: sha256=<HMAC-SHA256 of the body>}. Administrators manage them (they manage teams).
 */
@Service
public class TeamWebhooks {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final WebhookRepository hooks;

    TeamWebhooks(WebhookRepository hooks) {
        this.hooks = hooks;
    }

    /** Sets (or replaces) the team's hook and returns its new signing secret: shown this once, never again. */
    @PreAuthorize(Permissions.HAS_TEAM_MANAGE)
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
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String s = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        hooks.save(team.value(), u, s);
        return s;
    }

    @PreAuthorize(Permissions.HAS_TEAM_MANAGE)
    @Transactional
    public void remove(TeamId team) {
        hooks.remove(team.value());
    }

    /** The team's hook URL, or "" when it has none (the secret is never shown again). */
    @PreAuthorize(Permissions.HAS_TEAM_MANAGE)
    @Transactional(readOnly = true)
    public String url(TeamId team) {
        var hook = hooks.find(team.value());
        return hook == null ? "" : hook.url();
    }
}
