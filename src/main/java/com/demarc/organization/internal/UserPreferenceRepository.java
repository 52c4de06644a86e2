package com.demarc.organization.internal;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Table user_preference: a person's display choices (dark mode), one row per user who chose something. */
@Repository
public class UserPreferenceRepository {
    private final JdbcClient jdbc;

    UserPreferenceRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public boolean darkMode(long user) {
        return jdbc.sql("select dark_mode from user_preference where user_id = :u").param("u", user)
                .query(Boolean.class).optional().orElse(false);
    }

    public void saveDarkMode(long user, boolean dark) {
        jdbc.sql("""
                        insert into user_preference (user_id, dark_mode) values (:u, :d)
                        on conflict (user_id) do update set dark_mode = excluded.dark_mode,
                               version = user_preference.version + 1""")
                .param("u", user).param("d", dark).update();
    }
}
