package com.demarc.organization.internal.scim;

import com.demarc.organization.ScimToken;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * SCIM bearer tokens in table {@code scim_token}. The secret has 256 random bits, so a plain SHA-256 is enough to
 * store it (nothing to brute-force, and the lookup is one indexed read per SCIM request).
 */
@Component
public class ScimTokens {
    static final String PREFIX = "demarc_scim_";
    private static final SecureRandom RANDOM = new SecureRandom();
    private final JdbcClient jdbc;

    ScimTokens(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public ScimToken.Created create(String name, String actor) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        long id = jdbc.sql("insert into scim_token (name, token_hash, created_by) values (:n, :h, :a) returning id")
                .param("n", name).param("h", hash(secret)).param("a", actor).query(Long.class).single();
        return new ScimToken.Created(find(id).orElseThrow(), secret);
    }

    public List<ScimToken> list() {
        return jdbc.sql("select * from scim_token order by created_at desc, id desc").query(ScimTokens::map).list();
    }

    public Optional<ScimToken> find(long id) {
        return jdbc.sql("select * from scim_token where id = :id").param("id", id).query(ScimTokens::map).optional();
    }

    public boolean revoke(long id) {
        return jdbc.sql("update scim_token set revoked_at = now(), version = version + 1 where id = :id and revoked_at is null")
                .param("id", id).update() == 1;
    }

    /** The active token with this secret, its last use recorded; empty for an unknown or revoked one. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public Optional<ScimToken> authenticate(String presented) {
        if (presented == null || !presented.startsWith(PREFIX) || presented.length() > 200) {
            return Optional.empty();
        }
        return jdbc.sql("""
                        update scim_token set last_used_at = now() where token_hash = :h and revoked_at is null
                        returning *""")
                .param("h", hash(presented)).query(ScimTokens::map).optional();
    }

    static String hash(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ScimToken map(ResultSet rs, int row) throws SQLException {
        return new ScimToken(rs.getLong("id"), rs.getString("name"), rs.getString("created_by"),
                instant(rs.getTimestamp("created_at")), instant(rs.getTimestamp("last_used_at")),
                instant(rs.getTimestamp("revoked_at")));
    }

    private static java.time.Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
