package com.demarc.automation;

import com.demarc.project.ProjectControl;
import com.demarc.support.DemarcTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.test.context.support.WithUserDetails;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The automated-evidence rule (ADR 0020) as a property: random imports (random checks, statuses and ages, some
 * arriving out of order) and suppressions through the service, and after every step each control's state in the view
 * and in the kept coverage_state equals the rule evaluated directly here.
 */
@DemarcTest
@WithUserDetails("manager")
class AutomatedCoveragePropertyTest {
    /** The checks of this test and the control each evidences in the shipped mapping. */
    static final Map<String, String> CHECKS = Map.of("IAM.6", "SRM-IAM-03", "EC2.19", "SRM-NET-02", "EC2.2", "SRM-NET-02",
            "CloudTrail.1", "SRM-DET-01");
    static final int[] AGE_HOURS = {1, 30, 80, 150, 190, 240}; // 7 days = 168 h

    @Autowired
    AutomationService automation;
    @Autowired
    ResultFiles files;
    @Autowired
    JdbcClient jdbc;

    record Result(boolean passed, Instant last) {
    }

    @Test
    void randomImportsAndSuppressionsMatchTheRule() {
        long seed = System.nanoTime();
        var random = new Random(seed);
        String account = ResultFiles.randomAccount();
        var project = files.project("Payments", "Property", account);
        var rows = new LinkedHashMap<String, ProjectControl>();
        for (String code : new java.util.TreeSet<>(CHECKS.values())) {
            rows.put(code, files.ownedAndImplemented(project, code));
        }
        var latest = new HashMap<String, Result>();
        var suppressed = new HashSet<String>();
        Instant now = Instant.now();
        Instant updated = now.minus(Duration.ofDays(30));
        var checkIds = new ArrayList<>(CHECKS.keySet());
        java.util.Collections.sort(checkIds);

        for (int step = 0; step < 40; step++) {
            if (random.nextInt(5) == 0) {
                String check = checkIds.get(random.nextInt(checkIds.size()));
                if (suppressed.remove(check)) {
                    var s = automation.suppressions(project.id()).stream().filter(x -> x.checkId().equals(check)).findFirst().orElseThrow();
                    automation.endSuppression(s.id());
                } else {
                    automation.suppress(project.id(), CheckSource.SECURITY_HUB, check, "Property test justification", LocalDate.now().plusDays(3));
                    suppressed.add(check);
                }
            } else {
                var findings = new StringBuilder();
                updated = updated.plusSeconds(60);
                for (String check : checkIds) {
                    if (random.nextBoolean()) {
                        continue;
                    }
                    boolean passed = random.nextInt(3) > 0;
                    Instant last = now.minus(Duration.ofHours(AGE_HOURS[random.nextInt(AGE_HOURS.length)]))
                            .truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
                    if (!findings.isEmpty()) {
                        findings.append(',');
                    }
                    findings.append(finding(account, check, passed, last, updated));
                    var prev = latest.get(check);
                    if (prev == null || !prev.last().isAfter(last)) {
                        latest.put(check, new Result(passed, last));
                    }
                }
                automation.importResults(new java.io.ByteArrayInputStream(("{\"Findings\":[" + findings + "]}")
                        .getBytes(StandardCharsets.UTF_8)), "step-" + step + ".json", null, project.id());
            }
            for (var row : rows.entrySet()) {
                String expected = expected(row.getKey(), latest, suppressed, now);
                long id = row.getValue().id().value();
                assertThat(jdbc.sql("select state from coverage_state_v where project_control_id = :id").param("id", id)
                        .query(String.class).single()).as("seed %d step %d %s (view)", seed, step, row.getKey()).isEqualTo(expected);
                assertThat(jdbc.sql("select state from coverage_state where project_control_id = :id").param("id", id)
                        .query(String.class).single()).as("seed %d step %d %s (kept)", seed, step, row.getKey()).isEqualTo(expected);
                assertThat(jdbc.sql("select automated from coverage_state where project_control_id = :id").param("id", id)
                        .query(Boolean.class).single()).as("seed %d step %d %s automated", seed, step, row.getKey())
                        .isEqualTo(expected.equals("COVERED"));
            }
        }
    }

    /** The rule, directly: any unsuppressed failing → FAILING_CHECK; all passed and fresh → COVERED; else no evidence. */
    static String expected(String code, Map<String, Result> latest, Set<String> suppressed, Instant now) {
        List<Result> results = new ArrayList<>();
        CHECKS.forEach((check, c) -> {
            if (c.equals(code) && latest.containsKey(check) && !suppressed.contains(check)) {
                results.add(latest.get(check));
            }
        });
        if (results.stream().anyMatch(r -> !r.passed())) {
            return "FAILING_CHECK";
        }
        if (!results.isEmpty() && results.stream().allMatch(r -> r.last().isAfter(now.minus(Duration.ofDays(7))))) {
            return "COVERED";
        }
        return "NO_EVIDENCE";
    }

    static String finding(String account, String check, boolean passed, Instant last, Instant updated) {
        return """
                {"SchemaVersion":"2018-10-08","Id":"arn:aws:securityhub:eu-west-1:%1$s:security-control/%2$s/finding/p-%2$s",
                 "ProductArn":"arn:aws:securityhub:eu-west-1::product/aws/securityhub","GeneratorId":"security-control/%2$s",
                 "AwsAccountId":"%1$s","FirstObservedAt":"2026-01-01T00:00:00Z","LastObservedAt":"%4$s","UpdatedAt":"%5$s",
                 "Resources":[{"Type":"AwsAccount","Id":"AWS::::Account:%1$s"}],
                 "Compliance":{"Status":"%3$s","SecurityControlId":"%2$s"},"Workflow":{"Status":"NEW"},"RecordState":"ACTIVE"}"""
                .formatted(account, check, passed ? "PASSED" : "FAILED", last, updated);
    }
}
