package com.demarc.evidence;

import com.demarc.scale.ScaleDataGenerator;
import com.demarc.scale.ScaleSize;
import com.demarc.shared.Actors;
import com.demarc.shared.Role;
import com.demarc.support.TestDatabase;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The documented backup and restore (docs/operations.md), done: scale data of size S with its evidence moved into the
 * filesystem store, {@code pg_dump}, a copy of the store, {@code pg_restore} into another database, and the app's own
 * {@code --verify-audit-log} and {@code --verify-evidence} run as commands (own JVMs) against the restored copy: both
 * exit 0; a damaged file in the copy makes {@code --verify-evidence} exit 1 naming it. Needs pg_dump/pg_restore of
 * the server's major version and a database to restore into ({@code TEST_RESTORE_JDBC_URL}, default the test
 * database's name + {@code _restore}, owned by the owner role); skipped, saying so, without them. Own JVM (surefire
 * execution "restore-drill"): it needs an empty database for the scale data.
 */
@Tag("restore-drill")
@org.springframework.boot.test.context.SpringBootTest
@org.springframework.test.context.ActiveProfiles("test")
@org.springframework.context.annotation.Import(com.demarc.support.TestDatabaseConfiguration.class)
class RestoreDrillTest {
    static final Path WORK;
    static final Path STORE;

    static {
        try {
            WORK = Files.createTempDirectory("demarc-restore-drill-");
            STORE = WORK.resolve("evidence");
        } catch (IOException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        registry.add("demarc.evidence.store", () -> "filesystem");
        registry.add("demarc.evidence.filesystem.directory", STORE::toString);
    }

    @Autowired
    ScaleDataGenerator generator;
    @Autowired
    EvidenceStorage storage;
    @Autowired
    JdbcTemplate jdbc;

    record Db(String host, int port, String name) {
        static Db of(String jdbcUrl) {
            var uri = URI.create(jdbcUrl.substring("jdbc:".length()));
            return new Db(uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort(), uri.getPath().substring(1));
        }

        String jdbcUrl() {
            return "jdbc:postgresql://" + host + ":" + port + "/" + name;
        }
    }

    @Test
    void aDumpAndAStoreCopyRestoreIntoAnotherDatabaseAndBothVerificationsPass() throws Exception {
        var db = TestDatabase.get();
        var source = Db.of(db.url());
        String restoreUrl = System.getenv().getOrDefault("TEST_RESTORE_JDBC_URL", source.jdbcUrl() + "_restore");
        var target = Db.of(restoreUrl);
        String server = jdbc.queryForObject("show server_version_num", String.class);
        String tools = run(List.of("pg_dump", "--version"), Map.of(), 30).output();
        Assumptions.assumeTrue(tools.contains("PostgreSQL) " + Integer.parseInt(server) / 10000 + "."),
                "pg_dump (" + tools.strip() + ") does not match the server's major version " + server + ": restore drill skipped");
        try (var c = DriverManager.getConnection(target.jdbcUrl(), db.ownerUsername(), db.ownerPassword())) {
            c.isValid(5);
        } catch (java.sql.SQLException e) {
            Assumptions.abort("No database to restore into at " + target.jdbcUrl() + " (" + e.getMessage()
                    + "): create it owned by " + db.ownerUsername() + " (createdb -O " + db.ownerUsername() + " "
                    + target.name() + ") or set TEST_RESTORE_JDBC_URL");
        }

        // the backed-up installation: scale data S, its evidence in the filesystem store (moved there, hashes checked)
        var generated = generator.generate(ScaleSize.S);
        var moved = new AtomicReference<EvidenceStorage.MigrationReport>();
        Actors.runAsSystem(Set.of(Role.ADMIN), () -> moved.set(storage.migrate("postgres", "filesystem", m -> {
        })));
        assertThat(moved.get().complete()).as(moved.get().describe()).isTrue();
        long contents = jdbc.queryForObject("select count(*) from evidence_content where store = 'filesystem'", Long.class);
        assertThat(contents).isEqualTo(moved.get().moved()).isPositive();

        // backup: the dump, then the store
        Path dump = WORK.resolve("demarc.dump");
        var env = Map.of("PGPASSWORD", db.ownerPassword());
        var dumped = run(List.of("pg_dump", "-Fc", "-h", source.host(), "-p", "" + source.port(), "-U", db.ownerUsername(),
                "-d", source.name(), "-f", dump.toString()), env, 300);
        assertThat(dumped.exitCode()).as(dumped.output()).isZero();
        Path copy = WORK.resolve("evidence-copy");
        var copied = run(List.of("cp", "-a", STORE.toString(), copy.toString()), Map.of(), 300);
        assertThat(copied.exitCode()).as(copied.output()).isZero();

        // restore into the other database
        var restored = run(List.of("pg_restore", "--clean", "--if-exists", "--no-owner", "--role=" + db.ownerUsername(),
                "-h", target.host(), "-p", "" + target.port(), "-U", db.ownerUsername(), "-d", target.name(), dump.toString()), env, 600);
        assertThat(restored.exitCode()).as(restored.output()).isZero();

        var audit = command(db, target, copy, "--verify-audit-log");
        assertThat(audit.exitCode()).as(audit.output()).isZero();
        assertThat(audit.output()).contains("intact");
        var evidence = command(db, target, copy, "--verify-evidence");
        assertThat(evidence.exitCode()).as(evidence.output()).isZero();
        assertThat(evidence.output()).contains("Evidence intact: " + contents + " stored contents");

        // a damaged file in the restored store is found and named
        String key = jdbc.queryForObject("select object_key from evidence_content where store = 'filesystem' order by id limit 1", String.class);
        Files.writeString(copy.resolve(key), "not the evidence");
        var damaged = command(db, target, copy, "--verify-evidence");
        assertThat(damaged.exitCode()).as(damaged.output()).isEqualTo(1);
        assertThat(damaged.output()).contains("MISMATCH content").contains("1 of " + contents);
        System.out.println("[restore drill] " + generated.describe() + "; " + contents + " contents; dump "
                + Files.size(dump) / 1024 + " KB");
        FileSystemUtils.deleteRecursively(WORK);
    }

    record Result(int exitCode, String output) {
    }

    /** The app's command in its own JVM, on the restored database and store copy (as an operator runs the jar). */
    private static Result command(TestDatabase.Coordinates db, Db target, Path store, String option) throws Exception {
        // the app as shipped: its classes and jars, not the test classes (test beans, a second db/ on the path)
        String classpath = java.util.Arrays.stream(System.getProperty("surefire.test.class.path",
                        System.getProperty("java.class.path")).split(java.io.File.pathSeparator))
                .filter(e -> e.endsWith(".jar") || e.replace('\\', '/').endsWith("target/classes"))
                .collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var args = new ArrayList<>(List.of(java, "-Xmx384m", "-cp", classpath, "com.demarc.Application", option,
                "--spring.datasource.url=" + target.jdbcUrl(),
                // what application-test.yml sets (not on this classpath): the build's audit key, no start-up check, and
                // the test-scoped authorization server's auto-configuration off (besides Vaadin's, off for commands)
                "--demarc.audit.signing-key-file=target/test-audit-signing.key", "--demarc.startup-check.enabled=false",
                "--spring.docker.compose.enabled=false",
                "--spring.autoconfigure.exclude=com.vaadin.flow.spring.SpringBootAutoConfiguration,"
                        + "com.vaadin.flow.spring.SpringSecurityAutoConfiguration,"
                        + "org.springframework.boot.security.oauth2.server.authorization.autoconfigure.servlet.OAuth2AuthorizationServerAutoConfiguration,"
                        + "org.springframework.boot.security.oauth2.server.authorization.autoconfigure.servlet.OAuth2AuthorizationServerJwtAutoConfiguration",
                "--spring.datasource.username=" + db.username(), "--spring.datasource.password=" + db.password(),
                "--spring.flyway.user=" + db.ownerUsername(), "--spring.flyway.password=" + db.ownerPassword(),
                "--spring.flyway.placeholders.app_user=" + db.username(),
                "--demarc.evidence.store=filesystem", "--demarc.evidence.filesystem.directory=" + store,
                "--logging.level.root=warn"));
        return run(args, Map.of("VAADIN_USAGE_STATS_ENABLED", "false"), 600);
    }

    private static Result run(List<String> command, Map<String, String> env, int timeoutSeconds) throws Exception {
        var pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().putAll(env);
        Path out = Files.createTempFile("demarc-drill-", ".out");
        pb.redirectOutput(out.toFile());
        var p = pb.start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(command.getFirst() + " did not finish in " + timeoutSeconds + " s: " + Files.readString(out));
        }
        String output = Files.readString(out, StandardCharsets.UTF_8);
        Files.deleteIfExists(out);
        return new Result(p.exitValue(), output);
    }
}
