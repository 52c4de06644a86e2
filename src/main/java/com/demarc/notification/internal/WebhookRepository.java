package com.demarc.notification.internal;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;


/** Table notification_webhook: each team's optional chat hook and its signing secret. */
@Repository
public class WebhookRepository {
    private final JdbcClient jdbc;

    WebhookRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record Hook(long team, String url, String secret, boolean enabled) {
    }

    public @Nullable Hook find(long team) {
        return jdbc.sql("select team_id, url, secret, enabled from notification_webhook where team_id = :t").param("t", team)
                .query((rs, i) -> new Hook(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBoolean(4))).optional().orElse(null);
    }

    /** Whether any team has an enabled hook (most installs: none, and then no change pays for a team lookup). */
    public boolean any() {
        return jdbc.sql("select exists (select 1 from notification_webhook where enabled)").query(Boolean.class).single();
    }

    /** Every team's hook (the management page), secrets left out. */
    public java.util.Map<Long, Hook> all() {
        var result = new java.util.HashMap<Long, Hook>();
        jdbc.sql("select team_id, url, enabled from notification_webhook")
                .query((rs, i) -> new Hook(rs.getLong(1), rs.getString(2), "", rs.getBoolean(3))).list()
                .forEach(h -> result.put(h.team(), h));
        return result;
    }

    public boolean setEnabled(long team, boolean enabled) {
        return jdbc.sql("update notification_webhook set enabled = :e, version = version + 1 where team_id = :t")
                .param("e", enabled).param("t", team).update() == 1;
    }

    public void save(long team, String url, String secret) {
        jdbc.sql("""
                        insert into notification_webhook (team_id, url, secret) values (:t, :u, :s)
                        on conflict (team_id) do update set url = excluded.url, secret = excluded.secret, enabled = true,
                               version = notification_webhook.version + 1""")
                .param("t", team).param("u", url).param("s", secret).update();
    }

    public boolean remove(long team) {
        return jdbc.sql("delete from notification_webhook where team_id = :t").param("t", team).update() == 1;
    }
}
