package com.demarc.notification.internal;

import com.demarc.notification.Notification;
import com.demarc.notification.NotificationKind;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

/** The notification table: inbox queries always filtered by recipient; inserts batched. */
@Repository
public class NotificationRepository {
    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final MailChannel mail;

    NotificationRepository(JdbcClient jdbc, JdbcTemplate template, MailChannel mail) {
        this.jdbc = jdbc;
        this.template = template;
        this.mail = mail;
    }

    /** A row to write: recipient is an app_user id. */
    public record NewNotification(long recipient, NotificationKind kind, String title, String body, String link,
                                  @org.jspecify.annotations.Nullable String actor) {
    }

    /**
     * Writes the rows (in the caller's transaction) and, when e-mail is on, their outbox rows in the same statement:
     * PENDING for "at once", DIGEST for the daily digest, none for "off" (mandatory kinds are never off).
     */
    public void insertAll(List<NewNotification> rows, Instant now) {
        if (rows.isEmpty()) {
            return;
        }
        var at = Timestamp.from(now);
        if (!mail.enabled()) {
            template.batchUpdate("""
                            insert into notification (recipient_id, kind, title, body, link, actor, created_at)
                            values (?, ?, ?, ?, ?, ?, ?)""",
                    rows.stream().map(r -> new Object[]{r.recipient(), r.kind().name(), clip(r.title(), 300), r.body(),
                            clip(r.link(), 500), r.actor() == null ? null : clip(r.actor(), 100), at}).toList());
            return;
        }
        String[] mandatory = java.util.Arrays.stream(NotificationKind.values()).filter(NotificationKind::mandatory)
                .map(Enum::name).toArray(String[]::new);
        template.execute((java.sql.Connection con) -> {
            try (var ps = con.prepareStatement("""
                    with n as (
                        insert into notification (recipient_id, kind, title, body, link, actor, created_at)
                        select r, k, t, b, l, a, ? from unnest(?::bigint[], ?::varchar[], ?::varchar[], ?::text[],
                                                               ?::varchar[], ?::varchar[]) as x(r, k, t, b, l, a)
                        returning id, recipient_id, kind)
                    insert into notification_delivery (channel, recipient_id, notification_id, state, next_attempt_at, created_at)
                    select 'EMAIL', n.recipient_id, n.id,
                           case when p.mode = 'DIGEST' then 'DIGEST' else 'PENDING' end, ?, ?
                    from n left join notification_preference p on p.user_id = n.recipient_id and p.kind = n.kind
                    where p.mode is distinct from 'OFF' or n.kind = any(?::varchar[])""")) {
                ps.setTimestamp(1, at);
                ps.setArray(2, con.createArrayOf("bigint", rows.stream().map(NewNotification::recipient).toArray()));
                ps.setArray(3, con.createArrayOf("varchar", rows.stream().map(r -> r.kind().name()).toArray()));
                ps.setArray(4, con.createArrayOf("varchar", rows.stream().map(r -> clip(r.title(), 300)).toArray()));
                ps.setArray(5, con.createArrayOf("text", rows.stream().map(NewNotification::body).toArray()));
                ps.setArray(6, con.createArrayOf("varchar", rows.stream().map(r -> clip(r.link(), 500)).toArray()));
                ps.setArray(7, con.createArrayOf("varchar", rows.stream()
                        .map(r -> r.actor() == null ? null : clip(r.actor(), 100)).toArray()));
                ps.setTimestamp(8, at);
                ps.setTimestamp(9, at);
                ps.setArray(10, con.createArrayOf("varchar", mandatory));
                return ps.executeUpdate();
            }
        });
    }

    public List<Notification> inbox(long recipient, int offset, int limit) {
        return jdbc.sql("""
                        select id, kind, title, body, link, actor, created_at, read_at from notification
                        where recipient_id = :r order by created_at desc, id desc offset :o limit :l""")
                .param("r", recipient).param("o", offset).param("l", limit)
                .query(NotificationRepository::map).list();
    }

    public int count(long recipient) {
        return jdbc.sql("select count(*) from notification where recipient_id = :r").param("r", recipient)
                .query(Integer.class).single();
    }

    public int unread(long recipient) {
        return jdbc.sql("select count(*) from notification where recipient_id = :r and read_at is null")
                .param("r", recipient).query(Integer.class).single();
    }

    public boolean markRead(long recipient, long id, Instant now) {
        return jdbc.sql("""
                        update notification set read_at = coalesce(read_at, :now), version = version + 1
                        where id = :id and recipient_id = :r""")
                .param("now", Timestamp.from(now)).param("id", id).param("r", recipient).update() == 1;
    }

    public int markAllRead(long recipient, Instant now) {
        return jdbc.sql("""
                        update notification set read_at = :now, version = version + 1
                        where recipient_id = :r and read_at is null""")
                .param("now", Timestamp.from(now)).param("r", recipient).update();
    }

    private static Notification map(ResultSet rs, int n) throws SQLException {
        var read = rs.getTimestamp("read_at");
        return new Notification(rs.getLong("id"), NotificationKind.valueOf(rs.getString("kind")), rs.getString("title"),
                rs.getString("body"), rs.getString("link"), rs.getString("actor"),
                rs.getTimestamp("created_at").toInstant(), read == null ? null : read.toInstant());
    }

    private static String clip(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
