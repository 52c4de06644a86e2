package com.demarc.support;

import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.boot.test.context.TestConfiguration;
import com.vaadin.flow.spring.security.VaadinAwareSecurityContextHolderStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.test.context.DynamicPropertyRegistrar;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Points every test context at {@link TestDatabase} (the app role for the datasource, the owner role for Flyway) and
 * starts each test run from an empty schema.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestDatabaseConfiguration {
    private static final AtomicBoolean CLEANED = new AtomicBoolean();
    /**
     * One security-context strategy for every test context of the JVM. Vaadin makes one per context and sets it as
     * the global one when the context starts, each with its own thread-local: a cached context started earlier then
     * no longer saw what {@code @WithUserDetails} put into the global strategy, and its views sent the test's signed-in
     * user to the sign-in page.
     */
    private static final SecurityContextHolderStrategy SHARED_STRATEGY = new VaadinAwareSecurityContextHolderStrategy();

    @Bean
    SecurityContextHolderStrategy securityContextHolderStrategy() {
        SecurityContextHolder.setContextHolderStrategy(SHARED_STRATEGY);
        return SHARED_STRATEGY;
    }

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
