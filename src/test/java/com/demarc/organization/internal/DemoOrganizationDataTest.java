package com.demarc.organization.internal;

import com.demarc.support.DemarcTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

@DemarcTest
class DemoOrganizationDataTest {
    @Autowired
    DemoOrganizationData demo;
    @Autowired
    JdbcClient jdbc;

    @Test
    void loadingTwiceMoreAddsNothing() {
        int users = count("app_user");
        int teams = count("team");
        int memberships = count("team_membership");
        demo.run(null);
        demo.run(null);
        assertThat(count("app_user")).isEqualTo(users);
        assertThat(count("team")).isEqualTo(teams);
        assertThat(count("team_membership")).isEqualTo(memberships);
    }

    private int count(String table) {
        return jdbc.sql("select count(*) from " + table).query(Integer.class).single();
    }
}
