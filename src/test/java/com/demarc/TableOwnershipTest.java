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
 * model over the others ({@link #READ_MODELS}), or where it reads another module's <em>published view</em> (README's
 * "Published views", ADR 0010): a plain view the owner creates in a migration named after it, over its own tables only.
 * The SQL is read from the string literals of every class that talks JDBC; a table counts as used when it follows
 * {@code from}, {@code join}, {@code into}, {@code update}, {@code copy}, {@code exists} or {@code table}; a published
 * view may only be read ({@code from}, {@code join}, {@code exists}).
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

    private static final Pattern README_ROW = Pattern.compile("^\\| `([a-z]+)` \\| (.+) \\|$");
    private static final Pattern QUOTED = Pattern.compile("`([a-z_0-9]+)`");
    private static final Pattern CREATE = Pattern.compile(
            "(?i)\\bcreate\\s+(?:table|(?:materialized\\s+)?view)\\s+(?:if\\s+not\\s+exists\\s+)?([a-z_][a-z0-9_]*)");
    private static final Pattern LITERAL = Pattern.compile("\"\"\"(.*?)\"\"\"|\"((?:[^\"\\\\\\n]|\\\\.)*)\"", Pattern.DOTALL);
    private static final Pattern TABLE_USE = Pattern.compile(
            "(?i)\\b(from|join|into|update|copy|exists|table)\\s+([a-z_][a-z0-9_]*)");
    private static final Set<String> READS = Set.of("from", "join", "exists");
    private static final Pattern VIEW_DEFINITION = Pattern.compile(
            "(?is)\\bcreate\\s+view\\s+([a-z_][a-z0-9_]*)\\s+as\\s+(.*?);");
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
    void publishedViewsArePlainViewsOfTheOwnersTablesCreatedByTheOwnersMigrations() throws IOException {
        var owners = owners();
        var published = publishedViews();
        assertThat(published).as("README's \"Published views\"").isNotEmpty();
        var defined = new TreeMap<String, String>(); // view → migration file
        var problems = new TreeSet<String>();
        try (Stream<Path> files = Files.list(MIGRATIONS)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".sql")).sorted().toList()) {
                Matcher m = VIEW_DEFINITION.matcher(withoutSqlComments(Files.readString(f)));
                while (m.find()) {
                    var view = m.group(1).toLowerCase(java.util.Locale.ROOT);
                    if (!published.containsKey(view)) {
                        continue;
                    }
                    var owner = published.get(view);
                    var file = f.getFileName().toString();
                    defined.put(view, file);
                    if (!file.matches("V\\d+__" + owner + "_.*\\.sql")) {
                        problems.add(view + " is created by " + file + ", not by a migration of " + owner
                                + " (V…__" + owner + "_….sql)");
                    }
                    Matcher use = TABLE_USE.matcher(m.group(2));
                    while (use.find()) {
                        var table = use.group(2).toLowerCase(java.util.Locale.ROOT);
                        if (owners.containsKey(table) && !owners.get(table).equals(owner)) {
                            problems.add(view + " (" + owner + ") reads " + table + " of " + owners.get(table));
                        }
                    }
                }
            }
        }
        assertThat(problems).as("published views that are not the owner's own").isEmpty();
        assertThat(defined.keySet()).as("published views a migration creates with CREATE VIEW")
                .containsExactlyInAnyOrderElementsOf(published.keySet());
    }

    @Test
    void noModuleReadsAnotherModulesTables() throws IOException {
        var owners = owners();
        var published = publishedViews();
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
                        var table = use.group(2).toLowerCase(java.util.Locale.ROOT);
                        boolean readOfAPublishedView = published.containsKey(table)
                                && READS.contains(use.group(1).toLowerCase(java.util.Locale.ROOT));
                        if (owners.containsKey(table) && !owners.get(table).equals(module) && !readOfAPublishedView) {
                            tables.add(table);
                        }
                    }
                }
                if (!tables.isEmpty()) {
                    foreign.put(relative.replaceFirst("\\.java$", ""), tables);
                }
            }
        }
        assertThat(foreign).as("SQL using another module's tables (class → tables): join the owner's published view, "
                + "ask its service, or listen to its events, instead").isEmpty();
    }

    /** table or view → owning module, from README's "Which module owns which table" and "Published views". */
    static Map<String, String> owners() throws IOException {
        var owners = new HashMap<>(ownershipTable("**Which module owns which table**"));
        publishedViews().forEach((view, module) -> {
            var previous = owners.put(view, module);
            assertThat(previous).as("README names " + view + " both as a table and as a published view").isNull();
        });
        return owners;
    }

    /** published view → owning module, from README's "Published views". */
    static Map<String, String> publishedViews() throws IOException {
        return ownershipTable("**Published views**");
    }

    private static Map<String, String> ownershipTable(String heading) throws IOException {
        List<String> lines = Files.readAllLines(README);
        int start = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(heading)) {
                start = i;
                break;
            }
        }
        assertThat(start).as("README section " + heading).isNotNegative();
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

    private static String withoutSqlComments(String sql) {
        return sql.replaceAll("(?m)--.*$", "");
    }

    private static String withoutComments(String source) {
        return source.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("(?m)^\\s*//.*$", "");
    }
}
