package com.demarc.organization.internal;

import com.demarc.organization.UserId;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** SQL for external_identity and the sign-in columns of app_user (source, break-glass, last sign-in). */
@Repository
public class ExternalIdentityRepository {
    /** An account as company sign-in needs it. */
    public record Candidate(UserId id, String username, String source, boolean hasPassword, boolean enabled) {
    }

    /** What the users page shows about how an account signs in. */
    public record SignInColumns(UserId id, String source, boolean breakGlass, @Nullable Instant lastSignInAt) {
    }

    private final JdbcClient jdbc;

    public ExternalIdentityRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Candidate> findLinked(String issuer, String subject) {
        return jdbc.sql("""
                        select u.id, u.username, u.source, u.password_hash is not null as has_password, u.enabled
                          from external_identity e join app_user u on u.id = e.user_id
                         where e.issuer = :iss and e.subject = :sub""")
                .param("iss", issuer).param("sub", subject).query(CANDIDATE).optional();
    }

    public List<Candidate> findByEmail(String email) {
        return jdbc.sql("""
                        select id, username, source, password_hash is not null as has_password, enabled
                          from app_user where lower(email) = lower(:email) order by id""")
                .param("email", email).query(CANDIDATE).list();
    }

    public void link(UserId user, String issuer, String subject) {
        jdbc.sql("insert into external_identity (user_id, issuer, subject, last_seen_at) values (:u, :iss, :sub, now())")
                .param("u", user.value()).param("iss", issuer).param("sub", subject).update();
    }

    public void seen(String issuer, String subject) {
        jdbc.sql("update external_identity set last_seen_at = now(), version = version + 1 where issuer = :iss and subject = :sub")
                .param("iss", issuer).param("sub", subject).update();
    }

    public void markSignedIn(UserId user) {
        jdbc.sql("update app_user set last_sign_in_at = now() where id = :id").param("id", user.value()).update();
    }

    public void setSource(UserId user, String source) {
        jdbc.sql("update app_user set source = :s where id = :id").param("s", source).param("id", user.value()).update();
    }

    public boolean isBreakGlass(UserId user) {
        return jdbc.sql("select break_glass from app_user where id = :id").param("id", user.value())
                .query(Boolean.class).optional().orElse(false);
    }

    public List<SignInColumns> signInColumns(List<UserId> users) {
        if (users.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select id, source, break_glass, last_sign_in_at from app_user where id = any(:ids)")
                .param("ids", users.stream().map(UserId::value).toArray(Long[]::new))
                .query((rs, n) -> new SignInColumns(new UserId(rs.getLong(1)), rs.getString(2), rs.getBoolean(3),
                        rs.getObject(4, java.time.OffsetDateTime.class) == null ? null
                                : rs.getObject(4, java.time.OffsetDateTime.class).toInstant()))
                .list();
    }

    private static final org.springframework.jdbc.core.RowMapper<Candidate> CANDIDATE = (rs, n) -> new Candidate(
            new UserId(rs.getLong("id")), rs.getString("username"), rs.getString("source"),
            rs.getBoolean("has_password"), rs.getBoolean("enabled"));
}
