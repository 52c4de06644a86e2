package com.demarc.notification.internal;

import com.demarc.notification.NotificationKind;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * The signed tokens of one-click unsubscribe links: {@code <user>.<kind>.<expiry epoch second>.<HMAC-SHA256>}, the
 * HMAC over the first three parts. The key is {@code demarc.notifications.unsubscribe-key}, or one generated once and
 * kept in {@code notification_secret} (so every node verifies what another signed). {@code ALL} stands for every
 * kind that can be turned off (a digest carries several).
 */
@Component
public class UnsubscribeTokens {
    public static final String ALL = "ALL";
    private static final String KEY_NAME = "unsubscribe";
    private final JdbcClient jdbc;
    private final String configuredKey;
    private final Duration lifetime;
    private final Clock clock;
    private volatile byte @Nullable [] key;

    private final TransactionTemplate ownTransaction;

    UnsubscribeTokens(JdbcClient jdbc, @Value("${demarc.notifications.unsubscribe-key:}") String configuredKey,
                      @Value("${demarc.notifications.unsubscribe-lifetime:60d}") Duration lifetime, Clock clock,
                      PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.configuredKey = configuredKey.strip();
        this.lifetime = lifetime;
        this.clock = clock;
    }

    /** What a valid token allows: turn {@code kind} (a kind's name or ALL) off for {@code user}. */
    public record Grant(long user, String kind) {
        public @Nullable NotificationKind notificationKind() {
            return ALL.equals(kind) ? null : NotificationKind.valueOf(kind);
        }
    }

    public String issue(long user, String kind) {
        long expires = clock.instant().plus(lifetime).getEpochSecond();
        String body = user + "." + kind + "." + expires;
        return body + "." + mac(body);
    }

    /** Empty when forged, malformed or expired (the caller says so without telling which). */
    public Optional<Grant> verify(@Nullable String token) {
        if (token == null || token.length() > 200) {
            return Optional.empty();
        }
        String[] parts = token.strip().split("\\.");
        if (parts.length != 4) {
            return Optional.empty();
        }
        String body = parts[0] + "." + parts[1] + "." + parts[2];
        if (!MessageDigest.isEqual(mac(body).getBytes(StandardCharsets.US_ASCII), parts[3].getBytes(StandardCharsets.US_ASCII))) {
            return Optional.empty();
        }
        try {
            long user = Long.parseLong(parts[0]);
            if (!ALL.equals(parts[1])) {
                NotificationKind.valueOf(parts[1]);
            }
            if (Instant.ofEpochSecond(Long.parseLong(parts[2])).isBefore(clock.instant())) {
                return Optional.empty();
            }
            return Optional.of(new Grant(user, parts[1]));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** True when the token is genuine but past its expiry (the page then says how to get a fresh one). */
    public boolean expired(@Nullable String token) {
        if (token == null) {
            return false;
        }
        String[] parts = token.strip().split("\\.");
        if (parts.length != 4) {
            return false;
        }
        String body = parts[0] + "." + parts[1] + "." + parts[2];
        try {
            return MessageDigest.isEqual(mac(body).getBytes(StandardCharsets.US_ASCII), parts[3].getBytes(StandardCharsets.US_ASCII))
                    && Instant.ofEpochSecond(Long.parseLong(parts[2])).isBefore(clock.instant());
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private String mac(String body) {
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key(), "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private byte[] key() {
        var k = key;
        if (k == null) {
            if (!configuredKey.isEmpty()) {
                k = configuredKey.getBytes(StandardCharsets.UTF_8);
            } else {
                byte[] fresh = new byte[32];
                new SecureRandom().nextBytes(fresh);
                // the first node to need it stores one (committed on its own, whatever the caller's transaction does);
                // every other node, and a restart, reads that one
                String stored = ownTransaction.execute(s -> {
                    jdbc.sql("insert into notification_secret (name, secret) values (:n, :s) on conflict (name) do nothing")
                            .param("n", KEY_NAME).param("s", Base64.getEncoder().encodeToString(fresh)).update();
                    return jdbc.sql("select secret from notification_secret where name = :n")
                            .param("n", KEY_NAME).query(String.class).single();
                });
                k = Base64.getDecoder().decode(java.util.Objects.requireNonNull(stored));
            }
            key = k;
        }
        return k;
    }
}
