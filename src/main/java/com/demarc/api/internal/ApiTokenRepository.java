package com.demarc.api.internal;

import com.demarc.api.ApiToken;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Table {@code api_token}. Secrets have 256 random bits, so a plain SHA-256 is enough to store them (nothing to
 * brute-force; the lookup is one indexed read per call). User and team names are kept as they were at creation, for
 * the lists: this module reads no other module's tables.
 */
@Component
public class ApiTokenRepository {
    public static final String PERSONAL_PREFIX = "demarc_pat_";
    public static final String SERVICE_PREFIX = "demarc_svc_";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String SELECT = "select t.* from api_token t";

    private final JdbcClient jdbc;

    ApiTokenRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A fresh secret with the kind's prefix. */
    public static String newSecret(ApiToken.Kind kind) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return (kind == ApiToken.Kind.PERSONAL ? PERSONAL_PREFIX : SERVICE_PREFIX)
                + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public long insert(ApiToken.Kind kind, String name, long userId, String username, @Nullable Long teamId,
                       @Nullable String teamName, @Nullable String role, String secret, long securityVersion,
                       String createdBy, Instant expiresAt) {
        return jdbc.sql("""
                        insert into api_token (kind, name, user_id, username, team_id, team_name, role, token_hash, hint,
                                               security_version, created_by, expires_at)
                        values (:k, :n, :u, :un, :t, :tn, :r, :h, :hint, :sv, :by, :exp) returning id""")
                .param("k", kind.name()).param("n", name).param("u", userId).param("un", username).param("t", teamId)
                .param("tn", teamName).param("r", role)
                .param("h", hash(secret)).param("hint", secret.substring(0, secret.indexOf('_', 7) + 5) + "…")
                .param("sv", securityVersion).param("by", createdBy).param("exp", Timestamp.from(expiresAt))
                .query(Long.class).single();
    }

    public Optional<ApiToken> find(long id) {
        return jdbc.sql(SELECT + " where t.id = :id").param("id", id).query(ApiTokenRepository::map).optional();
    }

    public List<ApiToken> ofUser(long userId) {
        return jdbc.sql(SELECT + " where t.user_id = :u and t.kind = 'PERSONAL' order by t.created_at desc, t.id desc")
                .param("u", userId).query(ApiTokenRepository::map).list();
    }

    public List<ApiToken> serviceTokens() {
        return jdbc.sql(SELECT + " where t.kind = 'SERVICE' order by lower(t.team_name), t.created_at desc, t.id desc")
                .query(ApiTokenRepository::map).list();
    }

    public boolean revoke(long id, String actor) {
        return jdbc.sql("update api_token set revoked_at = now(), revoked_by = :a, version = version + 1 where id = :id and revoked_at is null")
                .param("a", actor).param("id", id).update() == 1;
    }

    /** The token with this secret (active or not, so the refusal can say why), with its user's security version. */
    public Optional<Presented> bySecret(String presented) {
        return jdbc.sql("select id, user_id, kind, name, security_version, expires_at, revoked_at from api_token where token_hash = :h")
                .param("h", hash(presented))
                .query((rs, n) -> new Presented(rs.getLong("id"), rs.getLong("user_id"), ApiToken.Kind.valueOf(rs.getString("kind")),
                        rs.getString("name"), rs.getLong("security_version"), rs.getTimestamp("expires_at").toInstant(),
                        instant(rs.getTimestamp("revoked_at"))))
                .optional();
    }

    /** Records the last use, at most once a minute per token (a busy CI job does not write a row per call). */
    public void touch(long id) {
        jdbc.sql("update api_token set last_used_at = now() where id = :id and (last_used_at is null or last_used_at < now() - interval '1 minute')")
                .param("id", id).update();
    }

    /** What the filter needs to decide about a presented token. */
    public record Presented(long id, long userId, ApiToken.Kind kind, String name, long securityVersion,
                            Instant expiresAt, @Nullable Instant revokedAt) {
    }

    public static String hash(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ApiToken map(ResultSet rs, int row) throws SQLException {
        long team = rs.getLong("team_id");
        Long teamId = rs.wasNull() ? null : team;
        return new ApiToken(rs.getLong("id"), ApiToken.Kind.valueOf(rs.getString("kind")), rs.getString("name"),
                rs.getLong("user_id"), rs.getString("username"), teamId, rs.getString("team_name"), rs.getString("role"),
                rs.getString("hint"), rs.getString("created_by"), rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("expires_at").toInstant(), instant(rs.getTimestamp("last_used_at")),
                instant(rs.getTimestamp("revoked_at")), rs.getString("revoked_by"));
    }

    private static @Nullable Instant instant(@Nullable Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
