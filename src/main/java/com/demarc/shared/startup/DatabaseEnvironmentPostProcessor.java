package com.demarc.shared.startup;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * Picks the database before anything connects. With a Docker engine and no datasource URL, Spring Boot's docker
 * compose support starts the PostgreSQL of docker-compose.yml. Otherwise compose is switched off (it would fail with
 * "Docker is not running"), the URL defaults to the local PostgreSQL, and the database is probed once so that an
 * unreachable one stops the start with one clear sentence instead of a stack trace.
 */
public class DatabaseEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {
    static final String DEFAULT_URL = "jdbc:postgresql://localhost:5432/demarc";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        String url = env.getProperty("spring.datasource.url");
        boolean composeWanted = env.getProperty("spring.docker.compose.enabled", Boolean.class, true);
        if (url == null && composeWanted && dockerAvailable()) {
            return;
        }
        Map<String, Object> defaults = new HashMap<>();
        defaults.put("spring.docker.compose.enabled", "false");
        if (url == null) {
            url = DEFAULT_URL;
            defaults.put("spring.datasource.url", url);
        }
        env.getPropertySources().addLast(new MapPropertySource("demarcDatabaseDefaults", defaults));
        // put compose=false above application.yml too
        env.getPropertySources().addFirst(new MapPropertySource("demarcComposeSwitch",
                Map.of("spring.docker.compose.enabled", "false")));
        if (env.getProperty("demarc.startup-check.enabled", Boolean.class, true)) {
            String user = env.getProperty("spring.datasource.username");
            probe(url, null, user, env.getProperty("spring.datasource.password"));
            String owner = env.getProperty("spring.flyway.user");
            if (env.getProperty("spring.flyway.enabled", Boolean.class, true) && owner != null && !owner.equals(user)) {
                probe(env.getProperty("spring.flyway.url", url), owner, owner, env.getProperty("spring.flyway.password"));
            }
        }
    }

    /** {@code migrationUser}: null when probing the app's own login. */
    private static void probe(String url, String migrationUser, String username, String password) {
        try {
            DriverManager.setLoginTimeout(5);
            try (var ignored = DriverManager.getConnection(url, username, password)) {
                // reachable
            }
        } catch (SQLException e) {
            throw new DatabaseUnavailableException(url, migrationUser, e);
        }
    }

    static boolean dockerAvailable() {
        String host = System.getenv("DOCKER_HOST");
        if (host != null && !host.isBlank()) {
            return true;
        }
        return Files.exists(Path.of("/var/run/docker.sock"))
                || Files.exists(Path.of(System.getProperty("user.home"), ".docker", "run", "docker.sock"));
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
