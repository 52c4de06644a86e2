package com.demarc.catalog.internal;

import com.demarc.support.DemarcTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

@DemarcTest
class ShippedCatalogLoaderTest {
    @Autowired
    ShippedCatalogLoader loader;
    @Autowired
    JdbcClient jdbc;

    @Test
    void loadingAgainChangesNothing() {
        int models = count("responsibility_model");
        int controls = count("control");
        int services = count("aws_service");
        loader.run(null);
        loader.run(null);
        assertThat(count("responsibility_model")).isEqualTo(models);
        assertThat(count("control")).isEqualTo(controls);
        assertThat(count("aws_service")).isEqualTo(services);
        assertThat(jdbc.sql("select count(*) from responsibility_model where version = '2026.1'").query(Integer.class).single())
                .isEqualTo(1);
    }

    private int count(String table) {
        return jdbc.sql("select count(*) from " + table).query(Integer.class).single();
    }
}
