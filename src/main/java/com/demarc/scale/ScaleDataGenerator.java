package com.demarc.scale;

import com.demarc.audit.AuditAction;
import com.demarc.audit.AuditEntry;
import com.demarc.audit.AuditLog;
import com.demarc.catalog.AwsService;
import com.demarc.catalog.CatalogService;
import com.demarc.catalog.Control;
import com.demarc.catalog.EffectiveOwner;
import com.demarc.catalog.Owner;
import com.demarc.coverage.CoverageService;
import com.demarc.shared.Actors;
import com.demarc.shared.Role;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.jspecify.annotations.Nullable;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Fills the database with scale data (teams, users, projects on the shipped catalog, their services, every register
 * row with its effective owner, full RACI, statuses, due dates, evidence with small real files and review states, an
 * AWS attestation linked to the AWS rows, and a continued audit-log hash chain) through PostgreSQL COPY, all in one
 * transaction: it lands whole or not at all. Then recomputes the coverage rollups. Deterministic (fixed seed).
 * Refuses a database that already holds scale data (the audit log is append-only, so it cannot be replaced).
 */
@Service
public class ScaleDataGenerator {
    /** Every generated user signs in with this password. */
    public static final String PASSWORD = "demarc-scale-2026";
    public static final String MANAGER = "scale.manager";
    public static final String AUDITOR = "scale.auditor";
    static final int PROJECTS_PER_TEAM = 20;
    static final int MEMBERS_PER_TEAM = 5;
    private static final int AUDIT_ENTRIES_PER_PROJECT = 32;
    private static final String ACTOR = "scale-data";
    private static final String TEAM_PREFIX = "Scale team ";

    /** Typical service mixes; a project uses one of them, so owners differ between projects as in real life. */
    private static final List<List<String>> ARCHETYPES = List.of(
            List.of("EC2", "EBS", "VPC", "ELB", "S3", "CLOUDWATCH", "CLOUDTRAIL", "KMS"),
            List.of("LAMBDA", "API_GATEWAY", "DYNAMODB", "S3", "COGNITO", "CLOUDWATCH", "KMS"),
            List.of("FARGATE", "ECR", "RDS", "ELB", "VPC", "SECRETS_MANAGER", "CLOUDWATCH"),
            List.of("S3", "GLACIER", "ATHENA", "EMR", "REDSHIFT", "KINESIS", "KMS"),
            List.of("RDS", "AURORA", "ELASTICACHE", "VPC", "KMS", "CLOUDTRAIL"),
            List.of("EKS", "EC2", "EBS", "VPC", "ECR", "ELB", "ROUTE53", "WAF"),
            List.of("S3", "CLOUDFRONT", "ROUTE53", "WAF"),
            List.of("SQS", "SNS", "EVENTBRIDGE", "LAMBDA", "STEP_FUNCTIONS", "CLOUDWATCH"));

    private final DataSource dataSource;
    private final TransactionTemplate transactions;
    private final CatalogService catalog;
    private final AuditLog audit;
    private final CoverageService coverage;
    private final PasswordEncoder passwordEncoder;
    private final Clock clock;
    private final org.springframework.core.env.Environment environment;

    ScaleDataGenerator(DataSource dataSource, PlatformTransactionManager transactionManager, CatalogService catalog,
                       AuditLog audit, CoverageService coverage, PasswordEncoder passwordEncoder, Clock clock,
                       org.springframework.core.env.Environment environment) {
        this.environment = environment;
        this.dataSource = dataSource;
        this.transactions = new TransactionTemplate(transactionManager);
        this.catalog = catalog;
        this.audit = audit;
        this.coverage = coverage;
        this.passwordEncoder = passwordEncoder;
        this.clock = clock;
    }

    /** The username of member {@code i} (0–4) of scale team {@code team} (1-based): s0001.a … s0001.e. */
    public static String member(int team, int i) {
        return "s%04d.%c".formatted(team, (char) ('a' + i));
    }

    /** How many projects of scale data the database holds (0 = none). */
    public long projectsPresent() {
        return transactions.execute(s -> count(DataSourceUtils.getConnection(dataSource),
                "select count(*) from project p join team t on t.id = p.team_id where t.name like '" + TEAM_PREFIX + "%'"));
    }

    public ScaleReport generate(ScaleSize size) {
        var model = new Object() {
            long modelId;
            List<Control> controls;
            Map<String, AwsService> services;
        };
        Actors.runAsSystem(Set.of(Role.MANAGER), () -> {
            var latest = catalog.latestModel();
            model.modelId = latest.id().value();
            model.controls = catalog.controlsFor(latest.id()).stream().filter(c -> !c.data().organisation()).toList();
            model.services = catalog.services().stream().collect(Collectors.toMap(AwsService::code, Function.identity()));
        });
        String passwordHash = passwordEncoder.encode(PASSWORD);
        Map<String, Long> rows = new LinkedHashMap<>();
        long started = System.nanoTime();
        transactions.executeWithoutResult(s -> {
            try {
                load(DataSourceUtils.getConnection(dataSource), size, model.modelId, model.controls, model.services,
                        passwordHash, rows);
            } catch (SQLException | IOException e) {
                throw new IllegalStateException("Scale data not written (nothing was kept): " + e.getMessage(), e);
            }
        });
        analyzeAsOwner();
        Duration load = Duration.ofNanos(System.nanoTime() - started);
        started = System.nanoTime();
        coverage.refreshAndSnapshot();
        return new ScaleReport(size, rows, load, Duration.ofNanos(System.nanoTime() - started));
    }

    private record Cell(Owner owner, String reason) {
    }

    /** The first id of each table's reserved block; COPY writes the ids explicitly. */
    private record Ids(long team, long user, long project, long projectControl, long item, long content, long manager) {
        static Ids reserve(Connection c, ScaleSize size, int controls) throws SQLException {
            long team = ScaleDataGenerator.reserve(c, "team", size.teams());
            long user = ScaleDataGenerator.reserve(c, "app_user", (long) size.teams() * MEMBERS_PER_TEAM + 2);
            long project = ScaleDataGenerator.reserve(c, "project", size.projects());
            long pc = ScaleDataGenerator.reserve(c, "project_control", (long) size.projects() * controls);
            long item = ScaleDataGenerator.reserve(c, "evidence_item", (long) size.projects() * controls);
            long content = ScaleDataGenerator.reserve(c, "evidence_content", (long) size.projects() * controls);
            return new Ids(team, user, project, pc, item, content, user + (long) size.teams() * MEMBERS_PER_TEAM);
        }

        /** The user id of member {@code i} (0–4) of team number {@code teamNo} (1-based). */
        long member(int teamNo, int i) {
            return user + (long) (teamNo - 1) * MEMBERS_PER_TEAM + i;
        }
    }

    /** A register row's status as generated: its justification (not applicable) and due date (open work). */
    private record Progress(String status, String justification, LocalDate due) {
        boolean open() {
            return status.equals("NOT_STARTED") || status.equals("IN_PROGRESS");
        }
    }

    /** The COPY buffers of the projects step, parents first. */
    private record ProjectTables(Copy project, Copy projectService, Copy pc, Copy raci, Copy link, Copy content,
                                 Copy chunk, Copy item, Copy version) {
        static ProjectTables open(Copies copies) {
            return new ProjectTables(
                    copies.table("project", "id, team_id, name, description, aws_account_ids, model_id, updated_by"),
                    copies.table("project_service", "project_id, service_id"),
                    copies.table("project_control", "id, project_id, control_id, owner, owner_reason, status, justification, due_date, updated_by"),
                    copies.table("raci_assignment", "project_control_id, role, user_id, team_id"),
                    copies.table("attestation_link", "attestation_id, project_control_id, linked_by"),
                    copies.table("evidence_content", "id, size_bytes, sha256, chunks"),
                    copies.table("evidence_chunk", "content_id, seq, data"),
                    copies.table("evidence_item", "id, project_control_id, kind, title, valid_from, valid_until, created_by"),
                    copies.table("evidence_version", "item_id, version_no, content_id, file_name, content_type, size_bytes, sha256, uploaded_by, review_state, reviewed_by, reviewed_at, review_comment"));
        }

        void countInto(Map<String, Long> rows) {
            rows.put("project", project.rows);
            rows.put("project_service", projectService.rows);
            rows.put("project_control", pc.rows);
            rows.put("raci_assignment", raci.rows);
            rows.put("attestation_link", link.rows);
            rows.put("evidence_item", item.rows);
            rows.put("evidence_version", version.rows);
            rows.put("evidence_content", content.rows);
            rows.put("evidence_chunk", chunk.rows);
        }
    }

    /** What one run generates from: its size, the catalog, the service mixes and the random sequence (fixed seed). */
    private record Run(ScaleSize size, long modelId, List<Control> controls, List<List<AwsService>> archetypes,
                       Cell[][] cells, Ids ids, SplittableRandom random, LocalDate today) {
    }

    private void load(Connection c, ScaleSize size, long modelId, List<Control> controls, Map<String, AwsService> services,
                      String passwordHash, Map<String, Long> rows) throws SQLException, IOException {
        refuseUnlessEmpty(c, controls);
        CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
        var random = new SplittableRandom(20261128L);
        var archetypes = archetypes(services);
        var run = new Run(size, modelId, controls, archetypes, owners(controls, archetypes), Ids.reserve(c, size, controls.size()),
                random, LocalDate.now(clock));
        loadPeople(copy, run, passwordHash, rows);
        long attestationId = insertAttestation(c);
        rows.put("attestation", 1L);
        loadProjects(copy, run, attestationId, rows);
        rows.put("audit_log", appendAudit(copy, size.projects(), size.teams(), controls));
        analyze(c);
    }

    private static void refuseUnlessEmpty(Connection c, List<Control> controls) {
        if (count(c, "select count(*) from team where name like '" + TEAM_PREFIX + "%'") > 0) {
            throw new IllegalStateException("This database already holds scale data; generate into an empty database "
                    + "(e.g. createdb -O demarc demarc_bench) — the audit log is append-only, so it cannot be replaced.");
        }
        long users = count(c, "select count(*) from app_user");
        long existingProjects = count(c, "select count(*) from project");
        if (users > 0 || existingProjects > 0) {
            throw new IllegalStateException("This database already holds " + users + " user(s) and " + existingProjects
                    + " project(s): generate scale data only into an empty database (e.g. createdb -O demarc demarc_bench). "
                    + "Invented people and projects would mix with real ones, and the audit log is append-only, so they "
                    + "could never be removed.");
        }
        if (controls.isEmpty()) {
            throw new IllegalStateException("The catalog has no controls: start the application once so it loads the shipped catalog.");
        }
    }

    private static List<List<AwsService>> archetypes(Map<String, AwsService> services) {
        return ARCHETYPES.stream()
                .map(codes -> codes.stream().map(services::get).filter(java.util.Objects::nonNull).toList()).toList();
    }

    /** The effective owner per archetype × control, computed by the product's own rule. */
    private static Cell[][] owners(List<Control> controls, List<List<AwsService>> archetypes) {
        Cell[][] cells = new Cell[archetypes.size()][controls.size()];
        for (int a = 0; a < archetypes.size(); a++) {
            for (int j = 0; j < controls.size(); j++) {
                var eff = EffectiveOwner.of(controls.get(j), archetypes.get(a));
                cells[a][j] = new Cell(eff.owner(), eff.reason());
            }
        }
        return cells;
    }

    /** Teams of five members each, a manager and an auditor. */
    private static void loadPeople(CopyManager copy, Run run, String passwordHash, Map<String, Long> rows)
            throws SQLException, IOException {
        var ids = run.ids();
        try (var copies = new Copies(copy)) {
            var team = copies.table("team", "id, name, description, updated_by");
            var user = copies.table("app_user", "id, username, display_name, email, password_hash, enabled, roles, updated_by");
            var membership = copies.table("team_membership", "team_id, user_id");
            for (int t = 0; t < run.size().teams(); t++) {
                team.row(ids.team() + t, TEAM_PREFIX + "%04d".formatted(t + 1), "Generated team " + (t + 1) + " (scale data).", ACTOR);
                for (int i = 0; i < MEMBERS_PER_TEAM; i++) {
                    String name = member(t + 1, i);
                    user.row(ids.member(t + 1, i), name, "Scale User %04d %c".formatted(t + 1, (char) ('A' + i)),
                            name + "@scale.demarc.example", passwordHash, true, "{MEMBER}", ACTOR);
                    membership.row(ids.team() + t, ids.member(t + 1, i));
                }
            }
            user.row(ids.manager(), MANAGER, "Scale Manager", MANAGER + "@scale.demarc.example", passwordHash, true, "{MANAGER}", ACTOR);
            user.row(ids.manager() + 1, AUDITOR, "Scale Auditor", AUDITOR + "@scale.demarc.example", passwordHash, true, "{AUDITOR}", ACTOR);
            rows.put("team", team.rows);
            rows.put("app_user", user.rows);
            rows.put("team_membership", membership.rows);
        }
    }

    private static long insertAttestation(Connection c) {
        return count(c, """
                insert into attestation (name, report_type, period_from, period_to, valid_until, url, created_by)
                values ('AWS SOC 2 Type II (scale data)', 'SOC 2 Type II', current_date - 200, current_date - 20,
                        current_date + 160, 'https://aws.amazon.com/artifact/', '%s') returning id""".formatted(ACTOR));
    }

    /** Every project with its services and one register row per control: status, RACI, evidence, attestation link. */
    private void loadProjects(CopyManager copy, Run run, long attestationId, Map<String, Long> rows)
            throws SQLException, IOException {
        var ids = run.ids();
        int teams = run.size().teams();
        int nc = run.controls().size();
        long items = 0;
        try (var copies = new Copies(copy)) {
            var tables = ProjectTables.open(copies);
            MessageDigest sha = sha256();
            for (int p = 0; p < run.size().projects(); p++) {
                long teamId = ids.team() + Math.min(p / PROJECTS_PER_TEAM, teams - 1);
                int teamNo = (int) (teamId - ids.team()) + 1;
                long projectId = ids.project() + p;
                String projectName = "Project %05d".formatted(p + 1);
                int a = p % run.archetypes().size();
                tables.project().row(projectId, teamId, projectName, "Generated project (scale data), service mix " + (a + 1) + ".",
                        "{%012d}".formatted(100_000_000_000L + p), run.modelId(), ACTOR);
                for (AwsService s : run.archetypes().get(a)) {
                    tables.projectService().row(projectId, s.id().value());
                }
                for (int j = 0; j < nc; j++) {
                    Control control = run.controls().get(j);
                    Cell cell = run.cells()[a][j];
                    long pcId = ids.projectControl() + (long) p * nc + j;
                    var progress = progress(cell, run.random(), run.today());
                    tables.pc().row(pcId, projectId, control.id().value(), cell.owner().name(), cell.reason(),
                            progress.status(), progress.justification(), progress.due(), ACTOR);
                    if (cell.owner() == Owner.AWS) {
                        tables.raci().row(pcId, "I", null, teamId);
                        tables.link().row(attestationId, pcId, ACTOR);
                    } else if (cell.owner() != Owner.NOT_APPLICABLE && !progress.status().equals("NOT_APPLICABLE")) {
                        assignRaci(tables, run, pcId, teamId, teamNo, p + j);
                        if (progress.status().equals("IMPLEMENTED") && run.random().nextInt(100) < 85) {
                            String uploader = member(teamNo, (p + j) % MEMBERS_PER_TEAM);
                            writeEvidence(tables, run, sha, ids.item() + items, ids.content() + items, pcId, projectName,
                                    control, uploader);
                            items++;
                        }
                    }
                }
            }
            tables.countInto(rows);
        }
    }

    private static Progress progress(Cell cell, SplittableRandom random, LocalDate today) {
        int roll = random.nextInt(100);
        return switch (cell.owner()) {
            case NOT_APPLICABLE -> new Progress("NOT_APPLICABLE", "No AWS service this project uses needs this control.", null);
            case AWS -> new Progress("INHERITED", null, null);
            default -> {
                if (roll < 3) {
                    yield new Progress("NOT_APPLICABLE", "Out of scope for this workload (scale data).", null);
                }
                var status = roll < 18 ? "NOT_STARTED" : roll < 36 ? "IN_PROGRESS" : "IMPLEMENTED";
                var progress = new Progress(status, null, null);
                yield progress.open() ? new Progress(status, null, today.plusDays(random.nextInt(-60, 181))) : progress;
            }
        };
    }

    /** A member Accountable (5 % left unowned), sometimes another Consulted, the team Responsible. */
    private static void assignRaci(ProjectTables tables, Run run, long pcId, long teamId, int teamNo, int rotation)
            throws SQLException, IOException {
        if (run.random().nextInt(100) < 95) {
            tables.raci().row(pcId, "A", run.ids().member(teamNo, rotation % MEMBERS_PER_TEAM), null);
            if (run.random().nextBoolean()) {
                tables.raci().row(pcId, "C", run.ids().member(teamNo, (rotation + 1) % MEMBERS_PER_TEAM), null);
            }
        }
        tables.raci().row(pcId, "R", null, teamId);
    }

    /** One small real file with its hash, validity (some expired or expiring) and review state. */
    private void writeEvidence(ProjectTables tables, Run run, MessageDigest sha, long itemId, long contentId, long pcId,
                               String projectName, Control control, String uploader) throws SQLException, IOException {
        var random = run.random();
        var today = run.today();
        byte[] bytes = evidenceText(projectName, control, uploader, today);
        String hash = HexFormat.of().formatHex(sha.digest(bytes));
        tables.content().row(contentId, bytes.length, hash, 1);
        tables.chunk().row(contentId, 0, "\\x" + HexFormat.of().formatHex(bytes));
        int validity = random.nextInt(100);
        LocalDate until = validity < 6 ? today.minusDays(random.nextInt(1, 91))
                : validity < 12 ? today.plusDays(random.nextInt(1, 30))
                : validity < 30 ? null : today.plusDays(random.nextInt(60, 366));
        LocalDate from = until == null ? today.minusDays(180) : until.minusDays(365);
        tables.item().row(itemId, pcId, "FILE", control.data().code() + " configuration export", from, until, uploader);
        int review = random.nextInt(100);
        String state = review < 85 ? "ACCEPTED" : review < 95 ? "SUBMITTED" : "REJECTED";
        boolean submitted = state.equals("SUBMITTED");
        tables.version().row(itemId, 1, contentId, control.data().code().toLowerCase(java.util.Locale.ROOT) + "-evidence.txt",
                "text/plain", bytes.length, hash, uploader, state, submitted ? null : MANAGER,
                submitted ? null : Instant.now(clock).truncatedTo(ChronoUnit.SECONDS),
                state.equals("REJECTED") ? "The export does not show the setting; upload the full configuration." : null);
    }

    /**
     * Before PostgreSQL 17 only a table's owner may ANALYZE it (the app role's ANALYZE above is skipped with a warning),
     * and without statistics the planner guesses every join (one row where there are a thousand): with two roles
     * ({@code spring.flyway.user}), the owner's login gathers them once the data is committed.
     */
    private void analyzeAsOwner() {
        String user = environment.getProperty("spring.flyway.user");
        if (user == null || user.isBlank() || user.equals(environment.getProperty("spring.datasource.username"))) {
            return;
        }
        String url = environment.getProperty("spring.flyway.url", environment.getProperty("spring.datasource.url", ""));
        try (var c = java.sql.DriverManager.getConnection(url, user, environment.getProperty("spring.flyway.password", ""))) {
            analyze(c);
        } catch (SQLException e) {
            org.slf4j.LoggerFactory.getLogger(ScaleDataGenerator.class).warn("Statistics not gathered as {} ({}): run "
                    + "ANALYZE as the tables' owner before measuring", user, e.getMessage());
        }
    }

    private static void analyze(Connection c) throws SQLException {
        for (String table : List.of("team", "app_user", "team_membership", "project", "project_service", "project_control",
                "raci_assignment", "attestation_link", "evidence_item", "evidence_version", "evidence_content",
                "evidence_chunk", "audit_log")) {
            try (var st = c.createStatement()) {
                st.execute("analyze " + table);
            }
        }
    }

    /** Continues the hash chain with entries spread over the last 90 days, so the chain still verifies. */
    private long appendAudit(CopyManager copy, int projects, int teams, List<Control> controls) throws SQLException, IOException {
        var head = audit.lockHeadForBulkAppend();
        long seq = head.map(AuditEntry::seq).orElse(0L);
        String prev = head.map(AuditEntry::hash).orElse(AuditEntry.GENESIS);
        long total = (long) projects * AUDIT_ENTRIES_PER_PROJECT;
        Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
        Instant start = head.map(AuditEntry::at).filter(at -> at.isAfter(now.minus(90, ChronoUnit.DAYS)))
                .orElse(now.minus(90, ChronoUnit.DAYS));
        long stepMicros = Math.max(1, ChronoUnit.MICROS.between(start, now) / (total + 1));
        var random = new SplittableRandom(42L);
        String[] statuses = {"Not started", "In progress", "Implemented"};
        try (var copies = new Copies(copy)) {
            var log = copies.table("audit_log", "seq, at, actor, address, action, entity_type, entity_id, summary, before_text, after_text, prev_hash, hash");
            for (long i = 0; i < total; i++) {
                int p = (int) (i % projects);
                int teamNo = Math.min(p / PROJECTS_PER_TEAM, teams - 1) + 1;
                String actor = member(teamNo, random.nextInt(MEMBERS_PER_TEAM));
                String project = "Project %05d".formatted(p + 1);
                String control = controls.get(random.nextInt(controls.size())).data().code();
                Instant at = start.plus(stepMicros * (i + 1), ChronoUnit.MICROS);
                String address = "10.%d.%d.%d".formatted(teamNo % 250, random.nextInt(250), 1 + random.nextInt(250));
                int kind = random.nextInt(10);
                AuditEntry e;
                if (kind < 4) {
                    int from = random.nextInt(2);
                    e = new AuditEntry(++seq, at, actor, address, AuditAction.STATUS_CHANGED.name(), "project-control", null,
                            project + " · " + control, statuses[from], statuses[from + 1], prev, null);
                } else if (kind < 6) {
                    e = new AuditEntry(++seq, at, actor, address, AuditAction.RACI_CHANGED.name(), "project-control", null,
                            project + " · " + control, "A: —", "A: " + actor, prev, null);
                } else if (kind < 8) {
                    e = new AuditEntry(++seq, at, actor, address, AuditAction.EVIDENCE_UPLOADED.name(), "evidence", null,
                            "Uploaded evidence for " + project + " · " + control, null, null, prev, null);
                } else if (kind < 9) {
                    e = new AuditEntry(++seq, at, MANAGER, address, AuditAction.EVIDENCE_REVIEWED.name(), "evidence", null,
                            "Accepted evidence for " + project + " · " + control, "SUBMITTED", "ACCEPTED", prev, null);
                } else {
                    e = new AuditEntry(++seq, at, actor, address, AuditAction.LOGIN_SUCCEEDED.name(), "user", actor, "Signed in", null, null, prev, null);
                }
                String hash = e.computeHash();
                log.row(e.seq(), e.at(), e.actor(), e.address(), e.action(), e.entityType(), e.entityId(), e.summary(),
                        e.before(), e.after(), e.prevHash(), hash);
                prev = hash;
            }
            return log.rows;
        }
    }

    private static byte[] evidenceText(String project, Control control, String uploader, LocalDate today) {
        String text = """
                Configuration export — %s · %s
                Control: %s
                Exported by %s on %s (Demarc scale data).
                Every setting required by the control is enabled; see the attached values below.
                setting.enabled=true
                setting.reviewed=%s
                """.formatted(project, control.data().code(), control.data().title(), uploader, today, today);
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Reserves {@code n} ids of a table's identity sequence; COPY then writes them explicitly. */
    private static long reserve(Connection c, String table, long n) throws SQLException {
        long base = count(c, "select nextval(pg_get_serial_sequence('" + table + "', 'id'))");
        count(c, "select setval(pg_get_serial_sequence('" + table + "', 'id'), " + (base + Math.max(n, 1) - 1) + ")");
        return base;
    }

    private static long count(Connection c, String sql) {
        try (var st = c.createStatement(); var rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Buffers for several tables, flushed together in the order they were opened (parents first), so a child row never
     * reaches PostgreSQL before the row its foreign key points at.
     */
    private static final class Copies implements AutoCloseable {
        private static final int FLUSH_AT = 8 << 20;
        private final CopyManager api;
        private final List<Copy> tables = new java.util.ArrayList<>();

        Copies(CopyManager api) {
            this.api = api;
        }

        Copy table(String table, String columns) {
            var copy = new Copy(this, "copy " + table + " (" + columns + ") from stdin");
            tables.add(copy);
            return copy;
        }

        void flushIfFull() throws SQLException, IOException {
            int size = 0;
            for (Copy t : tables) {
                size += t.buffer.length();
            }
            if (size >= FLUSH_AT) {
                flush();
            }
        }

        void flush() throws SQLException, IOException {
            for (Copy t : tables) {
                t.flush(api);
            }
        }

        @Override
        public void close() throws SQLException, IOException {
            flush();
        }
    }

    /** Rows for one table in COPY text format. */
    private static final class Copy {
        private final Copies group;
        private final String sql;
        private final StringBuilder buffer = new StringBuilder(1 << 16);
        long rows;

        Copy(Copies group, String sql) {
            this.group = group;
            this.sql = sql;
        }

        void row(@Nullable Object... values) throws SQLException, IOException {
            for (int i = 0; i < values.length; i++) {
                if (i > 0) {
                    buffer.append('\t');
                }
                Object v = values[i];
                if (v == null) {
                    buffer.append("\\N");
                } else {
                    escape(v.toString());
                }
            }
            buffer.append('\n');
            rows++;
            if ((rows & 255) == 0) {
                group.flushIfFull();
            }
        }

        private void escape(String s) {
            for (int i = 0; i < s.length(); i++) {
                char ch = s.charAt(i);
                switch (ch) {
                    case '\\' -> buffer.append("\\\\");
                    case '\t' -> buffer.append("\\t");
                    case '\n' -> buffer.append("\\n");
                    case '\r' -> buffer.append("\\r");
                    default -> buffer.append(ch);
                }
            }
        }

        private void flush(CopyManager api) throws SQLException, IOException {
            if (!buffer.isEmpty()) {
                api.copyIn(sql, new StringReader(buffer.toString()));
                buffer.setLength(0);
            }
        }
    }
}
