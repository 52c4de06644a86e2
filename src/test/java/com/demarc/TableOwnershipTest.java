package com.demarc;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Modules own their tables (../shared/CONVENTIONS.md, "Modules"): the README's ownership table names every table the
 * migrations create, and no module's SQL reads another module's tables, except where a module is by design a read
 * model over the others ({@link #READ_MODELS}) or a read that is still to move behind an API ({@link #STILL_READING}).
 * The SQL is read from the string literals of every class that talks JDBC; a table counts as read when it follows
 * {@code from}, {@code join}, {@code into}, {@code update}, {@code copy}, {@code exists} or {@code table}.
 */
class TableOwnershipTest {
    private static final Path SOURCES = Path.of("src/main/java/com/demarc");
    private static final Path MIGRATIONS = Path.of("db/migration");
    private static final Path README = Path.of("README.md");

    /** Modules that are by design read models over the others' tables (module → reason). */
    static final Map<String, String> READ_MODELS = Map.of(
            "coverage", "its rollups are derived from every module's rows (coverage_state_v, ADR 0008), in the "
                    + "changing transaction, and its gap lists show project, team and control names",
            "scale", "the scale-data generator bulk-loads every module's tables in one COPY transaction");

    /**
     * TEMPORARY (issue 12): reads of another module's tables that predate the rule, class → tables. Each should move
     * behind the owner's API (or a read model); the test fails when an entry is no longer needed, so the list only
     * shrinks, and on any read not listed here.
     */
    static final Map<String, Set<String>> STILL_READING = Map.of(
            // register rows carry the control's code, title and domain name and the project's team name
            "project/internal/ProjectRepository", Set.of("catalog_domain", "control", "responsibility_model", "team"),
            // the matrix sorts and filters by control, project and team, and names assignees
            "raci/internal/RaciRepository", Set.of("app_user", "control", "project", "project_control", "team"),
            // team scope of the review queue and of downloads
            "evidence/internal/EvidenceRepository", Set.of("project", "project_control"),
            "evidence/internal/TransferQueries", Set.of("project", "project_control"),
            // demo data only: which demo rows get evidence
            "evidence/internal/DemoEvidenceData", Set.of("control", "project_control"));

    private static final Pattern README_ROW = Pattern.compile("^\\| `([a-z]+)` \\| (.+) \\|$");
    private static final Pattern QUOTED = Pattern.compile("`([a-z_0-9]+)`");
    private static final Pattern CREATE = Pattern.compile(
            "(?i)\\bcreate\\s+(?:table|(?:materialized\\s+)?view)\\s+(?:if\\s+not\\s+exists\\s+)?([a-z_][a-z0-9_]*)");
    private static final Pattern LITERAL = Pattern.compile("\"\"\"(.*?)\"\"\"|\"((?:[^\"\\\\\\n]|\\\\.)*)\"", Pattern.DOTALL);
    private static final Pattern TABLE_USE = Pattern.compile(
            "(?i)\\b(?:from|join|into|update|copy|exists|table)\\s+([a-z_][a-z0-9_]*)");
    private static final Pattern JDBC = Pattern.compile("JdbcClient|JdbcTemplate|CopyManager|java\\.sql\\.Connection|PreparedStatement");

    @Test
    void everyTableTheMigrationsCreateHasAnOwnerInTheReadme() throws IOException {
        var owners = owners();
        var created = new TreeSet<String>();
        try (Stream<Path> files = Files.list(MIGRATIONS)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".sql")).toList()) {
                Matcher m = CREATE.matcher(Files.readString(f));
                while (m.find()) {
                    created.add(m.group(1).toLowerCase(java.util.Locale.ROOT));
                }
            }
        }
        assertThat(owners.keySet()).as("tables in README's ownership table").isNotEmpty();
        assertThat(created).as("tables created by db/migration without an owner in README's \"Which module owns which table\"")
                .isSubsetOf(owners.keySet());
        assertThat(owners.keySet()).as("tables in README's ownership table that no migration creates").isSubsetOf(created);
    }

    @Test
    void noModuleReadsAnotherModulesTables() throws IOException {
        var owners = owners();
        Map<String, Set<String>> foreign = new TreeMap<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                var relative = SOURCES.relativize(f).toString().replace('\\', '/');
                if (!relative.contains("/")) {
                    continue; // Application: no module
                }
                var module = relative.substring(0, relative.indexOf('/'));
                var source = Files.readString(f);
                if (READ_MODELS.containsKey(module) || !JDBC.matcher(source).find()) {
                    continue;
                }
                var tables = new TreeSet<String>();
                Matcher literal = LITERAL.matcher(withoutComments(source));
                while (literal.find()) {
                    Matcher use = TABLE_USE.matcher(literal.group(1) != null ? literal.group(1) : literal.group(2));
                    while (use.find()) {
                        var table = use.group(1).toLowerCase(java.util.Locale.ROOT);
                        if (owners.containsKey(table) && !owners.get(table).equals(module)) {
                            tables.add(table);
                        }
                    }
                }
                if (!tables.isEmpty()) {
                    foreign.put(relative.replaceFirst("\\.java$", ""), tables);
                }
            }
        }
        assertThat(minus(foreign, STILL_READING)).as("SQL reading another module's tables (class → tables): ask the "
                + "owning module's service, or listen to its events, instead").isEmpty();
        var stale = minus(STILL_READING, foreign);
        assertThat(stale).as("STILL_READING entries no longer read: remove them from the list").isEmpty();
    }

    /** What {@code a} names that {@code b} does not, class by class (classes left with nothing are left out). */
    private static Map<String, Set<String>> minus(Map<String, Set<String>> a, Map<String, Set<String>> b) {
        var result = new TreeMap<String, Set<String>>();
        a.forEach((cls, tables) -> {
            var rest = new TreeSet<>(tables);
            rest.removeAll(b.getOrDefault(cls, Set.of()));
            if (!rest.isEmpty()) {
                result.put(cls, rest);
            }
        });
        return result;
    }

    /** table → owning module, from README's "Which module owns which table". */
    static Map<String, String> owners() throws IOException {
        List<String> lines = Files.readAllLines(README);
        int start = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("**Which module owns which table**")) {
                start = i;
                break;
            }
        }
        assertThat(start).as("README section \"Which module owns which table\"").isNotNegative();
        var owners = new HashMap<String, String>();
        boolean inTable = false;
        for (int i = start + 1; i < lines.size(); i++) {
            var line = lines.get(i);
            if (line.startsWith("|")) {
                inTable = true;
                Matcher row = README_ROW.matcher(line);
                if (row.matches()) {
                    Matcher table = QUOTED.matcher(row.group(2));
                    while (table.find()) {
                        var previous = owners.put(table.group(1), row.group(1));
                        assertThat(previous).as("README names two owners of " + table.group(1)).isNull();
                    }
                }
            } else if (inTable) {
                break;
            }
        }
        return owners;
    }

    private static String withoutComments(String source) {
        return source.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("(?m)^\\s*//.*$", "");
    }
}
