package com.demarc.support;

import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistrar;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Points every test context at {@link TestDatabase} (the app role for the datasource, the owner role for Flyway) and
 * starts each test run from an empty schema.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestDatabaseConfiguration {
    private static final AtomicBoolean CLEANED = new AtomicBoolean();

    @Bean
    DynamicPropertyRegistrar testDatabaseProperties() {
        return registry -> {
            var db = TestDatabase.get();
            registry.add("spring.datasource.url", db::url);
            registry.add("spring.datasource.username", db::username);
            registry.add("spring.datasource.password", db::password);
            registry.add("spring.flyway.user", db::ownerUsername);
            registry.add("spring.flyway.password", db::ownerPassword);
            registry.add("spring.flyway.placeholders.app_user", db::username);
        };
    }

    /** Clean once per JVM (not per context), so cached contexts keep the data they seeded. */
    @Bean
    FlywayMigrationStrategy cleanOnceThenMigrate() {
        return flyway -> {
            if (CLEANED.compareAndSet(false, true)) {
                flyway.clean();
            }
            flyway.migrate();
        };
    }

}
