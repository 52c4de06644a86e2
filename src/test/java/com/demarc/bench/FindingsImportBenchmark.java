package com.demarc.bench;

import com.demarc.automation.AutomationService;
import com.demarc.catalog.AwsService;
import com.demarc.catalog.CatalogService;
import com.demarc.organization.TeamId;
import com.demarc.project.ProjectDraft;
import com.demarc.project.ProjectService;
import com.demarc.shared.Actors;
import com.demarc.shared.Role;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

import javax.sql.DataSource;
import java.io.BufferedInputStream;
import java.io.BufferedWriter;
import java.io.InputStream;
import java.io.PipedReader;
import java.io.PipedWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Issue 18's import figure: 100,000 Security Hub findings (ASFF, the shape {@code aws securityhub get-findings}
 * writes: five accounts, 40 controls, 500 resources each, a fifth failing) imported through
 * {@link AutomationService#importResults} — streamed parse, idempotency keys, raw file stored, per-check results —
 * against a floor measured in the same run on the same file: Jackson streaming over the file alone, plus a bare
 * PostgreSQL COPY of the same result rows (one per finding: project, finding id, update time, check, status,
 * resource). Heap: the highest occupancy after any collection during the import (full GCs forced every 200 ms),
 * against the used heap after GC just before it. Each run imports into new projects (new accounts), so nothing is
 * skipped as already imported.
 */
// the import's own phase timings (keys, raw results, results per project) in the output
@org.springframework.test.context.TestPropertySource(properties = "logging.level.com.demarc.automation.AutomationService=debug")
class FindingsImportBenchmark extends BenchmarkBase {
    private static final String NAME = "Findings import";
    private static final int ACCOUNTS = 5;
    private static final int RESOURCES = 500;
    private static final List<String> CONTROLS = List.of("IAM.6", "IAM.1", "IAM.3", "IAM.4", "IAM.5", "IAM.8", "IAM.9",
            "EC2.19", "EC2.2", "EC2.8", "EC2.9", "EC2.18", "EC2.6", "EC2.7", "S3.1", "S3.2", "S3.5", "S3.8", "S3.9",
            "CloudTrail.1", "CloudTrail.2", "CloudTrail.4", "CloudTrail.5", "Config.1", "GuardDuty.1", "KMS.4",
            "RDS.2", "RDS.3", "RDS.5", "RDS.13", "Lambda.1", "Lambda.2", "ELB.1", "ELB.4", "DynamoDB.1", "SSM.1",
            "SecretsManager.1", "CloudWatch.1", "EFS.1", "SNS.1");
    private static final int FINDINGS = ACCOUNTS * CONTROLS.size() * RESOURCES;
    private static final double TIME_TARGET = 2.0;
    private static final long HEAP_TARGET = 64L * 1024 * 1024;
    private static final int RUNS = Integer.getInteger("bench.import.runs", 6); // warm-up, RUNS - 1 timed, one watched for heap

    @Autowired
    AutomationService automation;
    @Autowired
    ProjectService projects;
    @Autowired
    CatalogService catalog;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    DataSource dataSource;

    record Row(String account, String id, String updated, String control, String status, String resource) {
    }

    @Test
    void hundredThousandFindings() throws Exception {
        var floorMs = new ArrayList<Double>();
        var sequentialMs = new ArrayList<Double>();
        var importMs = new ArrayList<Double>();
        EvidenceBenchmark.HeapFigures heap = null;
        long size = 0;
        for (int run = 0; run < RUNS + 1; run++) {
            var accounts = accounts(run);
            Path file = Files.createTempFile("findings-", ".json");
            try {
                write(file, accounts);
                size = Files.size(file);
                long t0 = System.nanoTime();
                int rows = floor(file);
                double floor = (System.nanoTime() - t0) / 1e6;
                assertEquals(FINDINGS, rows);
                double sequential = sequentialFloor(file);
                createProjects(accounts, run);
                boolean watched = run == RUNS; // the last run watches the heap (forced GCs would slow the timed ones)
                var watch = watched ? EvidenceBenchmark.HeapWatch.forcing() : null;
                long t1 = System.nanoTime();
                var box = new AtomicReference<com.demarc.automation.ImportReport>();
                Actors.runAsSystem(Set.of(Role.MANAGER), () -> {
                    try (InputStream in = Files.newInputStream(file)) {
                        box.set(automation.importResults(in, "findings.json", null, null));
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
                var report = box.get();
                double imported = (System.nanoTime() - t1) / 1e6;
                if (watch != null) {
                    heap = watch.stop();
                }
                assertEquals(FINDINGS, report.imported(), report.summary());
                System.out.printf(Locale.ROOT, "[bench] run %d: floor %.0f ms (parse then COPY: %.0f ms), import %.0f ms%s%n",
                        run, floor, sequential, imported, run == 0 ? " (warm-up)" : watched ? " (heap watched, not timed)" : "");
                if (run > 0 && !watched) {
                    floorMs.add(floor);
                    sequentialMs.add(sequential);
                    importMs.add(imported);
                }
            } finally {
                Files.deleteIfExists(file);
            }
        }
        var floor = Bench.stats(floorMs);
        var sequential = Bench.stats(sequentialMs);
        var result = Bench.stats(importMs);
        double ratio = result.median() / floor.median();
        double issueRatio = result.median() / sequential.median();
        String figure = "import of " + FINDINGS + " ASFF findings (" + Bench.mb(size) + ", " + ACCOUNTS + " accounts × "
                + CONTROLS.size() + " controls), " + scaleLabel();
        // the issue's floor: parsing the file alone plus a bare COPY of the results, one after the other
        Bench.record(NAME, figure, result.describe(), "the issue's floor, parsing alone + then a bare COPY of the rows: "
                        + sequential.describe(), Bench.ratio(issueRatio) + " the floor's time", "≤ 2× the floor",
                issueRatio <= TIME_TARGET);
        // the floor measured before (sessions 5–6): the same parse and COPY on two threads with a character pipe between
        // them; the pipe's own cost makes it no lower than the sum above on this machine, so it is shown for comparison
        Bench.record(NAME, figure + ", the earlier floor", result.describe(), "parse and COPY through a pipe (two threads): "
                + floor.describe(), Bench.ratio(ratio) + " that floor's time", "—", true);
        Bench.record(NAME, "heap growth during the import", heap.describe(), "used heap after GC before: "
                + Bench.mb(heap.before()), "—", "≤ 64 MB after GC", heap.growthAfterGc() <= HEAP_TARGET);
    }

    private static List<String> accounts(int run) {
        var random = new SplittableRandom(System.nanoTime() + run);
        var accounts = new ArrayList<String>();
        for (int i = 0; i < ACCOUNTS; i++) {
            accounts.add(String.valueOf(random.nextLong(100_000_000_000L, 999_000_000_000L)));
        }
        return accounts;
    }

    private void createProjects(List<String> accounts, int run) {
        long team = jdbc.sql("select id from team order by id limit 1").query(Long.class).single();
        Actors.runAsSystem(Set.of(Role.MANAGER), () -> {
            var services = catalog.services().stream().filter(s -> List.of("EC2", "S3", "RDS").contains(s.code()))
                    .map(AwsService::id).collect(Collectors.toSet());
            for (String account : accounts) {
                projects.create(new ProjectDraft(new TeamId(team), "Findings bench " + account, "benchmark run " + run,
                        List.of(account), services));
            }
        });
    }

    /** The file as the AWS CLI writes it: one {"Findings": […]} document, pretty-printed. */
    private static void write(Path file, List<String> accounts) throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        var random = new SplittableRandom(42);
        try (Writer w = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 16)) {
            w.write("{\n    \"Findings\": [\n");
            boolean first = true;
            for (String account : accounts) {
                for (String control : CONTROLS) {
                    String service = control.substring(0, control.indexOf('.'));
                    for (int r = 0; r < RESOURCES; r++) {
                        if (!first) {
                            w.write(",\n");
                        }
                        first = false;
                        String status = random.nextInt(5) == 0 ? "FAILED" : "PASSED";
                        String resource = "arn:aws:" + service.toLowerCase(Locale.ROOT) + ":eu-west-1:" + account
                                + ":resource/r-" + String.format(Locale.ROOT, "%08x", r * 7919 + control.hashCode());
                        String id = "arn:aws:securityhub:eu-west-1:" + account + ":security-control/" + control
                                + "/finding/" + new java.util.UUID(random.nextLong(), random.nextLong());
                        w.write("""
                                        {
                                            "SchemaVersion": "2018-10-08",
                                            "Id": "%1$s",
                                            "ProductArn": "arn:aws:securityhub:eu-west-1::product/aws/securityhub",
                                            "ProductName": "Security Hub",
                                            "CompanyName": "AWS",
                                            "Region": "eu-west-1",
                                            "GeneratorId": "security-control/%2$s",
                                            "AwsAccountId": "%3$s",
                                            "Types": ["Software and Configuration Checks/Industry and Regulatory Standards"],
                                            "FirstObservedAt": "%4$s",
                                            "LastObservedAt": "%4$s",
                                            "CreatedAt": "%4$s",
                                            "UpdatedAt": "%4$s",
                                            "Severity": {"Label": "%5$s", "Normalized": 40, "Original": "%5$s"},
                                            "Title": "%2$s should be configured as the standard requires",
                                            "Description": "This AWS control checks whether the resource is configured as the AWS Foundational Security Best Practices standard requires.",
                                            "Remediation": {"Recommendation": {"Text": "For information on how to correct this issue, consult the AWS Security Hub controls documentation.", "Url": "https://docs.aws.amazon.com/console/securityhub/%2$s/remediation"}},
                                            "ProductFields": {"RelatedAWSResources:0/name": "securityhub-%6$s", "aws/securityhub/ProductName": "Security Hub", "aws/securityhub/CompanyName": "AWS", "ControlId": "%2$s"},
                                            "Resources": [{"Type": "Aws%7$sResource", "Id": "%8$s", "Partition": "aws", "Region": "eu-west-1"}],
                                            "Compliance": {"Status": "%9$s", "SecurityControlId": "%2$s", "AssociatedStandards": [{"StandardsId": "standards/aws-foundational-security-best-practices/v/1.0.0"}]},
                                            "WorkflowState": "NEW",
                                            "Workflow": {"Status": "NEW"},
                                            "RecordState": "ACTIVE",
                                            "FindingProviderFields": {"Severity": {"Label": "%5$s", "Original": "%5$s"}, "Types": ["Software and Configuration Checks/Industry and Regulatory Standards"]}
                                        }""".formatted(id, control, account, now.toString(),
                                status.equals("FAILED") ? "HIGH" : "INFORMATIONAL",
                                control.toLowerCase(Locale.ROOT).replace('.', '-') + "-a1b2c3", service, resource, status));
                    }
                }
            }
            w.write("\n    ]\n}\n");
        }
    }

    /** Jackson streaming over the file (the fields a result row needs), the rows sent with one COPY. */
    private int floor(Path file) throws Exception {
        try (var connection = dataSource.getConnection()) {
            connection.createStatement().execute("create temporary table if not exists bench_floor (account text, "
                    + "finding_id text, updated_at timestamptz, check_id text, status text, resource text)");
            connection.createStatement().execute("truncate bench_floor");
            var copy = connection.unwrap(PGConnection.class).getCopyAPI();
            var pipeOut = new PipedWriter();
            var pipeIn = new PipedReader(pipeOut, 1 << 16);
            var failure = new AtomicReference<Exception>();
            int[] count = {0};
            try (var pool = Executors.newSingleThreadExecutor()) {
                var parsing = pool.submit(() -> {
                    try (var out = new BufferedWriter(pipeOut, 1 << 16);
                         InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
                         JsonParser p = JsonMapper.shared().createParser(in)) {
                        readFindings(p, row -> {
                            try {
                                out.write(row.account() + "\t" + row.id() + "\t" + row.updated() + "\t" + row.control()
                                        + "\t" + row.status() + "\t" + row.resource() + "\n");
                                count[0]++;
                            } catch (java.io.IOException e) {
                                throw new java.io.UncheckedIOException(e);
                            }
                        });
                    } catch (Exception e) {
                        failure.set(e);
                    }
                });
                long copied = copy.copyIn("copy bench_floor from stdin", pipeIn);
                parsing.get();
                if (failure.get() != null) {
                    throw failure.get();
                }
                assertEquals(count[0], copied);
            }
        }
        return FINDINGS;
    }

    /**
     * The issue's floor: the file parsed alone (the same fields, rows kept in a file that is not timed), then the rows
     * sent with one bare COPY; the sum of the two timed parts.
     */
    private double sequentialFloor(Path file) throws Exception {
        Path rows = Files.createTempFile("floor-rows-", ".tsv");
        try {
            var lines = new ArrayList<Row>(FINDINGS);
            long t0 = System.nanoTime();
            try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
                 JsonParser p = JsonMapper.shared().createParser(in)) {
                readFindings(p, lines::add);
            }
            double parse = (System.nanoTime() - t0) / 1e6;
            try (var out = Files.newBufferedWriter(rows, StandardCharsets.UTF_8)) {
                for (Row row : lines) {
                    out.write(row.account() + "\t" + row.id() + "\t" + row.updated() + "\t" + row.control() + "\t"
                            + row.status() + "\t" + row.resource() + "\n");
                }
            }
            lines.clear();
            try (var connection = dataSource.getConnection()) {
                connection.createStatement().execute("create temporary table if not exists bench_floor (account text, "
                        + "finding_id text, updated_at timestamptz, check_id text, status text, resource text)");
                connection.createStatement().execute("truncate bench_floor");
                var copy = connection.unwrap(PGConnection.class).getCopyAPI();
                long t1 = System.nanoTime();
                try (var in = Files.newBufferedReader(rows, StandardCharsets.UTF_8)) {
                    assertEquals(FINDINGS, copy.copyIn("copy bench_floor from stdin", in, 1 << 16));
                }
                return parse + (System.nanoTime() - t1) / 1e6;
            }
        } finally {
            Files.deleteIfExists(rows);
        }
    }

    private static void readFindings(JsonParser p, java.util.function.Consumer<Row> sink) {
        while (p.nextToken() != null) {
            if (p.currentToken() == JsonToken.PROPERTY_NAME && "Findings".equals(p.currentName())) {
                p.nextToken(); // [
                while (p.nextToken() == JsonToken.START_OBJECT) {
                    String account = null, id = null, updated = null, control = null, status = null, resource = null;
                    while (p.nextToken() == JsonToken.PROPERTY_NAME) {
                        String name = p.currentName();
                        p.nextToken();
                        switch (name) {
                            case "Id" -> id = p.getString();
                            case "AwsAccountId" -> account = p.getString();
                            case "UpdatedAt" -> updated = p.getString();
                            case "Compliance" -> {
                                while (p.nextToken() == JsonToken.PROPERTY_NAME) {
                                    String c = p.currentName();
                                    p.nextToken();
                                    if ("Status".equals(c)) {
                                        status = p.getString();
                                    } else if ("SecurityControlId".equals(c)) {
                                        control = p.getString();
                                    } else {
                                        p.skipChildren();
                                    }
                                }
                            }
                            case "Resources" -> {
                                while (p.nextToken() == JsonToken.START_OBJECT) {
                                    while (p.nextToken() == JsonToken.PROPERTY_NAME) {
                                        String c = p.currentName();
                                        p.nextToken();
                                        if ("Id".equals(c) && resource == null) {
                                            resource = p.getString();
                                        } else {
                                            p.skipChildren();
                                        }
                                    }
                                }
                            }
                            default -> p.skipChildren();
                        }
                    }
                    sink.accept(new Row(account, id, updated, control, status, resource));
                }
            }
        }
    }
}
