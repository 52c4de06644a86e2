package com.demarc.support;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * The real PostgreSQL every test runs against, picked once per JVM: the database named by TEST_JDBC_URL
 * (with TEST_JDBC_USER / TEST_JDBC_PASSWORD, default demarc/demarc, the app role; and TEST_FLYWAY_USER /
 * TEST_FLYWAY_PASSWORD, the owner role that migrates and cleans, default the same as the app role: single-role); else a Testcontainers PostgreSQL where Docker
 * works; else the local jdbc:postgresql://localhost:5432/demarc_test if it answers; else the run stops with a
 * message saying what to set up. Never H2, never a mock.
 */
public final class TestDatabase {
    static final String LOCAL_URL = "jdbc:postgresql://localhost:5432/demarc_test";

    /** Where the test database is; the owner (migration) login equals the app login in a single-role database. */
    public record Coordinates(String url, String username, String password, String ownerUsername, String ownerPassword) {
        public Coordinates(String url, String username, String password) {
            this(url, username, password, username, password);
        }

        /** True when migrations run as an owner role and the app as a separate role that owns nothing. */
        public boolean twoRoles() {
            return !ownerUsername.equals(username);
        }
    }

    private static Coordinates coordinates;

    private TestDatabase() {
    }

    public static synchronized Coordinates get() {
        if (coordinates == null) {
            coordinates = resolve();
        }
        return coordinates;
    }

    private static Coordinates resolve() {
        String url = System.getenv("TEST_JDBC_URL");
        String user = envOr("TEST_JDBC_USER", "demarc");
        String password = envOr("TEST_JDBC_PASSWORD", "demarc");
        if (url != null && !url.isBlank()) {
            return new Coordinates(url, user, password, envOr("TEST_FLYWAY_USER", user),
                    envOr("TEST_FLYWAY_USER", null) == null ? password : envOr("TEST_FLYWAY_PASSWORD", password));
        }
        if (dockerWorks()) {
            var container = new PostgreSQLContainer("postgres:17").withDatabaseName("demarc_test")
                    .withUsername("demarc").withPassword("demarc");
            container.start();
            return new Coordinates(container.getJdbcUrl(), container.getUsername(), container.getPassword());
        }
        try (var ignored = DriverManager.getConnection(LOCAL_URL, user, password)) {
            return new Coordinates(LOCAL_URL, user, password);
        } catch (SQLException e) {
            throw new IllegalStateException("No test database: set TEST_JDBC_URL (e.g. " + LOCAL_URL
                    + ", with TEST_JDBC_USER and TEST_JDBC_PASSWORD), start Docker for Testcontainers, or create the "
                    + "local database: createuser demarc -P; createdb -O demarc demarc_test. (" + e.getMessage() + ")");
        }
    }

    /**
     * A connection as the owner (migration) role, for tests that tamper with the database on purpose the way only an
     * owner or superuser can (in a single-role database this is the app login). Close it; it is not pooled.
     */
    public static Connection ownerConnection() throws SQLException {
        var db = get();
        return DriverManager.getConnection(db.url(), db.ownerUsername(), db.ownerPassword());
    }

    /** A connection as the app role, outside any pool. */
    public static Connection appConnection() throws SQLException {
        var db = get();
        return DriverManager.getConnection(db.url(), db.username(), db.password());
    }

    private static boolean dockerWorks() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
