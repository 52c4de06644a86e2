package com.demarc.scale;

import com.demarc.support.DemarcTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** --generate-scale into a database that already holds people and projects (the demo's) is refused, nothing added. */
@DemarcTest
class ScaleRefusalTest {
    @Autowired
    ScaleDataGenerator generator;
    @Autowired
    JdbcClient jdbc;

    private long count(String table) {
        return jdbc.sql("select count(*) from " + table).query(Long.class).single();
    }

    @Test
    void aDatabaseWithUsersOrProjectsIsRefused() {
        assertThat(count("app_user")).isPositive();
        long users = count("app_user");
        long projects = count("project");
        long audit = count("audit_log");
        assertThatThrownBy(() -> generator.generate(ScaleSize.S)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already holds " + users + " user(s) and " + projects + " project(s)")
                .hasMessageContaining("empty database");
        assertThat(count("app_user")).isEqualTo(users);
        assertThat(count("project")).isEqualTo(projects);
        assertThat(count("audit_log")).isEqualTo(audit);
    }
}
