package com.demarc.notification.internal;

import com.demarc.notification.DeliveryMode;
import com.demarc.notification.NotificationKind;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.time.LocalTime;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/** Tables notification_preference (per kind) and notification_schedule (digest time and zone), per user. */
@Repository
public class PreferenceRepository {
    private final JdbcClient jdbc;

    PreferenceRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Map<NotificationKind, DeliveryMode> modes(long user) {
        var result = new EnumMap<NotificationKind, DeliveryMode>(NotificationKind.class);
        jdbc.sql("select kind, mode from notification_preference where user_id = :u").param("u", user)
                .query((rs, i) -> Map.entry(rs.getString(1), rs.getString(2))).list().forEach(e -> {
                    try {
                        result.put(NotificationKind.valueOf(e.getKey()), DeliveryMode.valueOf(e.getValue()));
                    } catch (IllegalArgumentException ignored) {
                        // a kind no longer known: ignore
                    }
                });
        return result;
    }

    public record Schedule(String zone, LocalTime at) {
    }

    public Optional<Schedule> schedule(long user) {
        return jdbc.sql("select time_zone, digest_time from notification_schedule where user_id = :u").param("u", user)
                .query((rs, i) -> new Schedule(rs.getString(1), rs.getTime(2).toLocalTime())).optional();
    }

    /** The saved schedules of these users (absent: the defaults, 08:00 UTC). */
    public Map<Long, Schedule> schedules(java.util.Collection<Long> users) {
        var result = new java.util.HashMap<Long, Schedule>();
        jdbc.sql("select user_id, time_zone, digest_time from notification_schedule where user_id = any(:u)")
                .param("u", users.toArray(Long[]::new))
                .query((rs, i) -> Map.entry(rs.getLong(1), new Schedule(rs.getString(2), rs.getTime(3).toLocalTime())))
                .list().forEach(e -> result.put(e.getKey(), e.getValue()));
        return result;
    }

    public void save(long user, Map<NotificationKind, DeliveryMode> modes, String zone, LocalTime at) {
        jdbc.sql("delete from notification_preference where user_id = :u").param("u", user).update();
        modes.forEach((kind, mode) -> {
            if (mode != DeliveryMode.IMMEDIATE) {
                jdbc.sql("insert into notification_preference (user_id, kind, mode) values (:u, :k, :m)")
                        .param("u", user).param("k", kind.name()).param("m", mode.name()).update();
            }
        });
        jdbc.sql("""
                        insert into notification_schedule (user_id, time_zone, digest_time) values (:u, :z, :t)
                        on conflict (user_id) do update set time_zone = excluded.time_zone,
                               digest_time = excluded.digest_time, version = notification_schedule.version + 1""")
                .param("u", user).param("z", zone).param("t", java.sql.Time.valueOf(at)).update();
    }

    /** Turns these kinds off for the user (one-click unsubscribe), keeping their other choices. */
    public void turnOff(long user, java.util.Collection<NotificationKind> kinds) {
        for (var kind : kinds) {
            jdbc.sql("""
                            insert into notification_preference (user_id, kind, mode) values (:u, :k, 'OFF')
                            on conflict (user_id, kind) do update set mode = 'OFF', version = notification_preference.version + 1""")
                    .param("u", user).param("k", kind.name()).update();
        }
    }
}
