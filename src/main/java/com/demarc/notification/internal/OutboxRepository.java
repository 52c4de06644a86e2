package com.demarc.notification.internal;

import com.demarc.notification.DeliveryFailure;
import com.demarc.notification.NotificationKind;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** The outbox (table notification_delivery): claims, outcomes, digests, and what admins see of failures. */
@Repository
public class OutboxRepository {
    private final JdbcClient jdbc;

    OutboxRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A claimed row: locked by the caller's transaction until it commits. */
    public record Claimed(long id, String channel, @Nullable Long recipient, @Nullable Long team,
                          @Nullable Long notification, int attempts, @Nullable LocalDate digestFor) {
    }

    /** One message's content. */
    public record Message(long id, NotificationKind kind, String title, String body, String link, Instant createdAt) {
    }

    /** Due rows, oldest first, locked FOR UPDATE SKIP LOCKED: another worker skips them (never sends one twice). */
    public List<Claimed> claim(Instant now, int limit) {
        return jdbc.sql("""
                        select id, channel, recipient_id, team_id, notification_id, attempts, digest_for
                        from notification_delivery where state = 'PENDING' and next_attempt_at <= :now
                        order by next_attempt_at, id limit :n for update skip locked""")
                .param("now", Timestamp.from(now)).param("n", limit)
                .query((rs, i) -> new Claimed(rs.getLong(1), rs.getString(2), (Long) rs.getObject(3),
                        (Long) rs.getObject(4), (Long) rs.getObject(5), rs.getInt(6),
                        rs.getDate(7) == null ? null : rs.getDate(7).toLocalDate())).list();
    }

    public @Nullable Message message(long notification) {
        return jdbc.sql("select id, kind, title, body, link, created_at from notification where id = :id")
                .param("id", notification).query(OutboxRepository::message).optional().orElse(null);
    }

    /** The notifications a digest carries, oldest first. */
    public List<Message> digestItems(long digest) {
        return jdbc.sql("""
                        select n.id, n.kind, n.title, n.body, n.link, n.created_at
                        from notification_delivery d join notification n on n.id = d.notification_id
                        where d.digest_id = :d order by n.created_at, n.id""")
                .param("d", digest).query(OutboxRepository::message).list();
    }

    public void sent(long id, Instant now) {
        jdbc.sql("""
                        update notification_delivery set state = 'SENT', sent_at = :now, attempts = attempts + 1,
                               last_error = null, version = version + 1 where id = :id""")
                .param("now", Timestamp.from(now)).param("id", id).update();
    }

    public void retryAt(long id, Instant next, String error) {
        jdbc.sql("""
                        update notification_delivery set attempts = attempts + 1, next_attempt_at = :next,
                               last_error = :e, version = version + 1 where id = :id""")
                .param("next", Timestamp.from(next)).param("e", clip(error)).param("id", id).update();
    }

    /** FAILED (gave up, admins see it) or SKIPPED (cannot be sent, e.g. no address). */
    public void giveUp(long id, String state, String error) {
        jdbc.sql("""
                        update notification_delivery set state = :s, attempts = attempts + 1, last_error = :e,
                               version = version + 1 where id = :id""")
                .param("s", state).param("e", clip(error)).param("id", id).update();
    }

    public void insertWebhook(long team, String payload, Instant now) {
        jdbc.sql("""
                        insert into notification_delivery (channel, team_id, payload, state, next_attempt_at, created_at)
                        values ('WEBHOOK', :t, :p, 'PENDING', :now, :now)""")
                .param("t", team).param("p", payload).param("now", Timestamp.from(now)).update();
    }

    public @Nullable String payload(long id) {
        return jdbc.sql("select payload from notification_delivery where id = :id").param("id", id)
                .query(String.class).optional().orElse(null);
    }

    public long backlog() {
        return jdbc.sql("select count(*) from notification_delivery where state = 'PENDING'").query(Long.class).single();
    }

    public long failedCount() {
        return jdbc.sql("select count(*) from notification_delivery where state in ('FAILED', 'SKIPPED')")
                .query(Long.class).single();
    }

    public List<DeliveryFailure> failures(int offset, int limit) {
        return jdbc.sql("""
                        select d.id, d.channel, d.state, d.recipient_id, d.team_id, coalesce(n.title, left(d.payload, 200), 'Daily digest'),
                               d.attempts, d.last_error, d.created_at
                        from notification_delivery d left join notification n on n.id = d.notification_id
                        where d.state in ('FAILED', 'SKIPPED') order by d.created_at desc, d.id desc offset :o limit :l""")
                .param("o", offset).param("l", limit)
                .query((rs, i) -> new DeliveryFailure(rs.getLong(1), rs.getString(2), rs.getString(3),
                        (Long) rs.getObject(4), (Long) rs.getObject(5), rs.getString(6), rs.getInt(7),
                        rs.getString(8) == null ? "" : rs.getString(8), rs.getTimestamp(9).toInstant())).list();
    }

    /** Puts a failed row back in the queue (an admin fixed the SMTP settings or the address). */
    public boolean retry(long id, Instant now) {
        return jdbc.sql("""
                        update notification_delivery set state = 'PENDING', attempts = 0, next_attempt_at = :now,
                               version = version + 1 where id = :id and state in ('FAILED', 'SKIPPED')""")
                .param("now", Timestamp.from(now)).param("id", id).update() == 1;
    }

    // --- digests

    /** People with notifications waiting for their digest, with their schedule (defaults when none saved). */
    public record Waiting(long user, String zone, java.time.LocalTime at) {
    }

    public List<Waiting> waitingForDigest() {
        return jdbc.sql("""
                        select d.recipient_id, coalesce(s.time_zone, 'UTC'), coalesce(s.digest_time, time '08:00')
                        from (select distinct recipient_id from notification_delivery where state = 'DIGEST') d
                        left join notification_schedule s on s.user_id = d.recipient_id""")
                .query((rs, i) -> new Waiting(rs.getLong(1), rs.getString(2), rs.getTime(3).toLocalTime())).list();
    }

    /**
     * The digest of one person for one local day, collecting what waited and was written before the cutoff; nothing
     * when that day's digest exists already (the job ran before, perhaps on another node) or nothing waited.
     */
    public boolean makeDigest(long user, LocalDate day, Instant cutoff, Instant now) {
        var id = jdbc.sql("""
                        insert into notification_delivery (channel, recipient_id, state, digest_for, next_attempt_at, created_at)
                        select 'EMAIL', :u, 'PENDING', :day, :now, :now
                        where exists (select 1 from notification_delivery where recipient_id = :u and state = 'DIGEST'
                                      and created_at < :cutoff)
                        on conflict (recipient_id, digest_for) where digest_for is not null do nothing
                        returning id""")
                .param("u", user).param("day", day).param("now", Timestamp.from(now))
                .param("cutoff", Timestamp.from(cutoff)).query(Long.class).optional();
        id.ifPresent(d -> jdbc.sql("""
                        update notification_delivery set state = 'DIGESTED', digest_id = :d, version = version + 1
                        where recipient_id = :u and state = 'DIGEST' and created_at < :cutoff""")
                .param("d", d).param("u", user).param("cutoff", Timestamp.from(cutoff)).update());
        return id.isPresent();
    }

    private static Message message(java.sql.ResultSet rs, int i) throws java.sql.SQLException {
        return new Message(rs.getLong(1), NotificationKind.valueOf(rs.getString(2)), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getTimestamp(6).toInstant());
    }

    private static String clip(String s) {
        return s.length() <= 1000 ? s : s.substring(0, 999) + "…";
    }
}
