package com.demarc.bench;

import com.demarc.scale.ScaleDataGenerator;
import com.demarc.scale.ScaleSize;
import com.demarc.shared.Actors;
import com.demarc.shared.DemarcUser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistrar;
import org.springframework.boot.test.context.TestConfiguration;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * The application on a random port against the benchmark database (BENCH_JDBC_URL, default
 * jdbc:postgresql://localhost:5432/demarc_bench; never the test database), filled with scale data of size
 * {@code -Dbench.scale} (default L) on first use. Benchmarks are not tests: they run only with {@code -Pbench}.
 */
@Tag("benchmark")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "demarc.startup-check.enabled=false", "spring.docker.compose.enabled=false"})
@ActiveProfiles("bench")
@org.springframework.context.annotation.Import(BenchmarkBase.BenchDatabase.class)
public abstract class BenchmarkBase {
    static final String DEFAULT_URL = "jdbc:postgresql://localhost:5432/demarc_bench";
    private static final AtomicBoolean DATA_READY = new AtomicBoolean();

    @LocalServerPort
    protected int port;
    @Autowired
    protected ScaleDataGenerator scale;
    @Autowired
    private UserDetailsService accounts;

    @TestConfiguration(proxyBeanMethods = false)
    static class BenchDatabase {
        @Bean
        DynamicPropertyRegistrar benchDatabaseProperties() {
            return registry -> {
                registry.add("spring.datasource.url", BenchmarkBase::jdbcUrl);
                registry.add("spring.datasource.username", () -> env("BENCH_JDBC_USER", "demarc"));
                registry.add("spring.datasource.password", () -> env("BENCH_JDBC_PASSWORD", "demarc"));
                registry.add("spring.flyway.user", () -> env("BENCH_FLYWAY_USER", "demarc_owner"));
                registry.add("spring.flyway.password", () -> env("BENCH_FLYWAY_PASSWORD", "demarc_owner"));
            };
        }
    }

    static String jdbcUrl() {
        return env("BENCH_JDBC_URL", DEFAULT_URL);
    }

    static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    @BeforeEach
    void scaleData() {
        if (DATA_READY.compareAndSet(false, true)) {
            long present = scale.projectsPresent();
            if (present == 0) {
                var size = ScaleSize.parse(System.getProperty("bench.scale", "L"));
                System.out.println("[bench] generating scale data " + size + " into " + jdbcUrl() + " …");
                System.out.println("[bench] " + scale.generate(size).describe());
            } else {
                System.out.println("[bench] scale data present: " + present + " projects in " + jdbcUrl());
            }
        }
    }

    /** The generated projects' count, for labelling figures (e.g. "L: 16000 projects"). */
    protected String scaleLabel() {
        long projects = scale.projectsPresent();
        return projects + " projects × 64 controls";
    }

    protected DemarcUser user(String username) {
        return (DemarcUser) accounts.loadUserByUsername(username);
    }

    protected void as(String username, Runnable work) {
        Actors.runAs(user(username), work);
    }

    protected <T> T as(String username, Supplier<T> work) {
        var box = new Object() {
            T value;
        };
        Actors.runAs(user(username), () -> box.value = work.get());
        return box.value;
    }

    protected String url(String path) {
        return "http://localhost:" + port + "/" + path;
    }
}
