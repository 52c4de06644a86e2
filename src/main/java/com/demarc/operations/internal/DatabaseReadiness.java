package com.demarc.operations.internal;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.Properties;

/**
 * Part of {@code /actuator/health/readiness}: can this node reach its database now? A fresh connection with short
 * timeouts, not one from the pool, whose borrow waits up to the pool's connection timeout (30 s) while the database
 * is down: a load balancer then takes the node out within one probe, and back once the database answers.
 */
@Component("databaseHealthIndicator")
class DatabaseReadiness extends AbstractHealthIndicator {
    private final DataSource dataSource;
    private final Duration timeout;

    DatabaseReadiness(DataSource dataSource,
                      @Value("${demarc.cluster.readiness-timeout:3s}") Duration timeout) {
        super("Database not reachable");
        this.dataSource = dataSource;
        this.timeout = timeout;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) throws Exception {
        int seconds = (int) Math.max(1, timeout.toSeconds());
        try (Connection connection = open(seconds); var statement = connection.createStatement()) {
            statement.setQueryTimeout(seconds);
            statement.execute("select 1");
            builder.up();
        }
    }

    private Connection open(int seconds) throws Exception {
        if (dataSource instanceof HikariDataSource hikari && hikari.getJdbcUrl() != null) {
            var properties = new Properties();
            if (hikari.getUsername() != null) {
                properties.setProperty("user", hikari.getUsername());
            }
            if (hikari.getPassword() != null) {
                properties.setProperty("password", hikari.getPassword());
            }
            // PostgreSQL JDBC: connect, log in and read within the timeout
            properties.setProperty("connectTimeout", String.valueOf(seconds));
            properties.setProperty("loginTimeout", String.valueOf(seconds));
            properties.setProperty("socketTimeout", String.valueOf(seconds + 1));
            properties.setProperty("ApplicationName", "demarc-readiness");
            return DriverManager.getConnection(hikari.getJdbcUrl(), properties);
        }
        return dataSource.getConnection();
    }
}
