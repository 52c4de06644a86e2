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

    public record Hook(long team, String url, String secret) {
    }

    public @Nullable Hook find(long team) {
        return jdbc.sql("select team_id, url, secret from notification_webhook where team_id = :t").param("t", team)
                .query((rs, i) -> new Hook(rs.getLong(1), rs.getString(2), rs.getString(3))).optional().orElse(null);
    }

    /** Whether any team has a hook (most installs: none, and then no change pays for a team lookup). */
    public boolean any() {
        return jdbc.sql("select exists (select 1 from notification_webhook)").query(Boolean.class).single();
    }

    public void save(long team, String url, String secret) {
        jdbc.sql("""
                        insert into notification_webhook (team_id, url, secret) values (:t, :u, :s)
                        on conflict (team_id) do update set url = excluded.url, secret = excluded.secret,
                               version = notification_webhook.version + 1""")
                .param("t", team).param("u", url).param("s", secret).update();
    }

    public boolean remove(long team) {
        return jdbc.sql("delete from notification_webhook where team_id = :t").param("t", team).update() == 1;
    }
}
