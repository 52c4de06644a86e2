package com.demarc.automation;

import com.demarc.project.Project;
import com.demarc.project.ProjectService;
import com.demarc.shared.UserFacingException;
import com.demarc.support.DemarcTest;
import com.demarc.support.Fixtures;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.test.context.support.WithUserDetails;

import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;

import static com.demarc.automation.ResultFiles.render;
import static com.demarc.automation.ResultFiles.stream;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Imports of the three formats from files written as AWS documents them; counts, storage, idempotency, refusals. */
@DemarcTest
@WithUserDetails("manager")
class AutomationImportTest {
    static final Instant NOW = Instant.now().minus(Duration.ofHours(1)).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);

    @Autowired
    AutomationService automation;
    @Autowired
    CheckMappingService mapping;
    @Autowired
    ResultFiles files;
    @Autowired
    Fixtures fixtures;
    @Autowired
    ProjectService projects;
    @Autowired
    JdbcClient jdbc;

    static byte[] asff(String account, String iam6, String ec219, Instant updated) {
        return render("asff-checkout.json", account, NOW, updated, Map.of("IAM6", iam6, "EC219", ec219));
    }

    private int imports(Project p) {
        return jdbc.sql("select count(*) from automation_import where project_id = :p").param("p", p.id().value())
                .query(Integer.class).single();
    }

    @Test
    void securityHubAsffPagesAreImportedAndEveryFindingIsCounted() throws Exception {
        String account = ResultFiles.randomAccount();
        var project = files.project("Payments", "ASFF", account);
        var report = automation.importResults(stream(asff(account, "FAILED", "FAILED", NOW)), "findings.json", null, project.id());

        assertThat(report.format()).isEqualTo(ResultFormat.SECURITY_HUB_ASFF);
        assertThat(report.findingsRead()).as("two pages, eight findings").isEqualTo(8);
        assertThat(report.imported()).as("IAM.6, EC2.19 ×2, CloudTrail.1").isEqualTo(4);
        assertThat(report.archived()).isEqualTo(1);
        assertThat(report.suppressed()).isEqualTo(1);
        assertThat(report.notChecks()).as("the GuardDuty finding").isEqualTo(1);
        assertThat(report.otherAccounts()).isEqualTo(1);
        assertThat(report.otherAccountIds()).containsExactly("999988887777");
        assertThat(report.unmapped()).isZero();
        var part = report.projects().getFirst();
        assertThat(part.checks()).isEqualTo(3);
        assertThat(part.failed()).isEqualTo(2);
        assertThat(part.passed()).isEqualTo(1);
        assertThat(report.summary()).contains("8 findings read", "4 imported", "1 archived", "999988887777");

        var results = automation.results(project.id());
        var ec2 = results.stream().filter(r -> r.checkId().equals("EC2.19")).findFirst().orElseThrow();
        assertThat(ec2.status()).isEqualTo(CheckStatus.FAILED);
        assertThat(ec2.resourcesChecked()).isEqualTo(2);
        assertThat(ec2.resourcesFailing()).isEqualTo(1);
        assertThat(ec2.failingResources()).containsExactly("arn:aws:ec2:eu-west-1:" + account + ":security-group/sg-0a1b2c3d4e5f60718");
        assertThat(ec2.firstObserved()).isEqualTo(Instant.parse("2026-11-10T09:00:00Z"));
        assertThat(ec2.lastObserved()).isEqualTo(NOW);
        assertThat(ec2.fresh()).isTrue();

        // the raw evidence: every finding of the project's account (7 of 8), hashed, and readable back unchanged
        var stored = automation.importOf(part.importId());
        byte[] raw;
        try (var in = automation.rawResults(part.importId())) {
            raw = in.readAllBytes();
        }
        assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw))).isEqualTo(stored.sha256());
        // stored gzip-compressed, downloaded as such (the hash is the stored file's)
        assertThat(stored.gzip()).isTrue();
        assertThat(stored.downloadName()).isEqualTo("import-" + stored.id() + "-findings.json.gz");
        try (var in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(raw))) {
            raw = in.readAllBytes();
        }
        assertThat(stored.findings()).isEqualTo(7);
        assertThat(new String(raw, java.nio.charset.StandardCharsets.UTF_8)).startsWith("{\"Findings\":[")
                .contains("sg-0a1b2c3d4e5f60718").doesNotContain("999988887777");
        // each finding's bytes as they stood in the file (layout and all), and the whole a JSON document of 7 findings
        String original = new String(asff(account, "FAILED", "FAILED", NOW), java.nio.charset.StandardCharsets.UTF_8);
        int start = original.indexOf("{\n            \"SchemaVersion\"");
        String first = original.substring(start, original.indexOf("\n        }", start) + 10);
        assertThat(new String(raw, java.nio.charset.StandardCharsets.UTF_8)).contains(first);
        assertThat(tools.jackson.databind.json.JsonMapper.shared().readTree(raw).path("Findings").size()).isEqualTo(7);

        // the control shows its checks
        var row = fixtures.row(project, "SRM-NET-02");
        assertThat(automation.checksOf(row.id())).extracting(CheckResult::checkId).contains("EC2.19");
        var root = fixtures.row(project, "SRM-IAM-03");
        assertThat(automation.checksOf(root.id())).extracting(CheckResult::checkId, CheckResult::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("IAM.6", CheckStatus.FAILED));
    }

    @Test
    void theSameFileTwiceChangesNothingAndANewerExportReplacesTheResult() {
        String account = ResultFiles.randomAccount();
        var project = files.project("Payments", "Twice", account);
        byte[] file = asff(account, "FAILED", "FAILED", NOW);
        automation.importResults(stream(file), "findings.json", ResultFormat.SECURITY_HUB_ASFF, project.id());
        int results = jdbc.sql("select count(*) from automation_result where project_id = :p").param("p", project.id().value())
                .query(Integer.class).single();

        var again = automation.importResults(stream(file), "findings.json", ResultFormat.SECURITY_HUB_ASFF, project.id());
        assertThat(again.imported()).isZero();
        assertThat(again.alreadyImported()).isEqualTo(4);
        assertThat(again.projects().getFirst().importId()).as("no new import").isNull();
        assertThat(imports(project)).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from automation_result where project_id = :p").param("p", project.id().value())
                .query(Integer.class).single()).isEqualTo(results);

        var fixed = automation.importResults(stream(asff(account, "PASSED", "PASSED", NOW.plusSeconds(60))), "later.json",
                null, project.id());
        assertThat(fixed.imported()).isEqualTo(4);
        assertThat(imports(project)).isEqualTo(2);
        assertThat(automation.results(project.id())).allSatisfy(r -> assertThat(r.status()).isEqualTo(CheckStatus.PASSED));

        // an old export imported late never replaces a newer result
        automation.importResults(stream(render("asff-checkout.json", account, NOW.minusSeconds(3600), NOW.minusSeconds(3600),
                Map.of("IAM6", "FAILED", "EC219", "FAILED"))), "old.json", null, project.id());
        assertThat(automation.results(project.id())).allSatisfy(r -> assertThat(r.status()).isEqualTo(CheckStatus.PASSED));
    }

    @Test
    void theSameFileImportedTwiceAtOnceIsImportedOnce() throws Exception {
        String account = ResultFiles.randomAccount();
        var project = files.project("Payments", "At once", account);
        byte[] file = asff(account, "FAILED", "FAILED", NOW);
        var start = new java.util.concurrent.CountDownLatch(1);
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(2)) {
            var runs = new java.util.ArrayList<java.util.concurrent.Future<ImportReport>>();
            for (int i = 0; i < 2; i++) {
                runs.add(pool.submit(() -> {
                    start.await();
                    var box = new java.util.concurrent.atomic.AtomicReference<ImportReport>();
                    com.demarc.shared.Actors.runAsSystem(java.util.Set.of(com.demarc.shared.Role.MANAGER),
                            () -> box.set(automation.importResults(stream(file), "findings.json", null, project.id())));
                    return box.get();
                }));
            }
            start.countDown();
            var a = runs.get(0).get(60, java.util.concurrent.TimeUnit.SECONDS);
            var b = runs.get(1).get(60, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(a.imported() + b.imported()).as("the project lock orders them: one imports, one finds it done")
                    .isEqualTo(4);
            assertThat(a.alreadyImported() + b.alreadyImported()).isEqualTo(4);
        }
        assertThat(imports(project)).isEqualTo(1);
    }

    @Test
    void keysImportedBeforeV0180AreStillRecognised() {
        String account = ResultFiles.randomAccount();
        var project = files.project("Payments", "Keys before V0180", account);
        byte[] file = asff(account, "FAILED", "FAILED", NOW);
        assertThat(automation.importResults(stream(file), "findings.json", null, project.id()).imported()).isEqualTo(4);
        // as an install upgraded from before V0180 holds them: one row per key in automation_finding, no day rows
        jdbc.sql("""
                        insert into automation_finding (project_id, finding_key)
                        select project_id, encode(substring(keys from 1 + 16 * i for 16), 'hex')::uuid
                          from automation_finding_day, generate_series(0, key_count - 1) i where project_id = :p""")
                .param("p", project.id().value()).update();
        jdbc.sql("delete from automation_finding_day where project_id = :p").param("p", project.id().value()).update();

        var again = automation.importResults(stream(file), "findings.json", null, project.id());
        assertThat(again.imported()).isZero();
        assertThat(again.alreadyImported()).isEqualTo(4);
        assertThat(imports(project)).isEqualTo(1);

        var later = automation.importResults(stream(asff(account, "PASSED", "PASSED", NOW.plusSeconds(60))), "later.json",
                null, project.id());
        assertThat(later.imported()).isEqualTo(4);
        assertThat(imports(project)).isEqualTo(2);
        assertThat(jdbc.sql("select count(*) from automation_finding where project_id = :p").param("p", project.id().value())
                .query(Integer.class).single()).as("nothing added to the old table").isEqualTo(4);
    }

    @Test
    void findingIdsWithTabsBackslashesAndNewlinesAreKeptExactlyForIdempotency() {
        String account = ResultFiles.randomAccount();
        var project = files.project("Payments", "Odd ids", account);
        String text = new String(asff(account, "FAILED", "FAILED", NOW), java.nio.charset.StandardCharsets.UTF_8)
                .replace("/finding/6c2f0e4a", "/finding/tab\\there\\\\back\\nline\\r6c2f0e4a");
        byte[] file = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(automation.importResults(stream(file), "odd.json", null, project.id()).imported()).isEqualTo(4);
        // the key is the digest of the id exactly as the file wrote it (tab, backslash, line feed, carriage return)
        String id = "arn:aws:securityhub:eu-west-1:" + account + ":security-control/IAM.6/finding/tab\there\\back\nline"
                + "\r6c2f0e4a-1b7d-4c3e-9a51-2f6d1d0b7a11";
        assertThat(jdbc.sql("""
                        select count(*) from automation_finding_day where project_id = :p
                           and position(substring(sha256(convert_to(:id, 'UTF8')) from 1 for 16) in keys) % 16 = 1""")
                .param("p", project.id().value()).param("id", id + "\n" + NOW.toEpochMilli())
                .query(Integer.class).single()).as("the id kept as the file wrote it").isEqualTo(1);
        var again = automation.importResults(stream(file), "odd.json", null, project.id());
        assertThat(again.imported()).isZero();
        assertThat(again.alreadyImported()).isEqualTo(4);
    }

    @Test
    void ocsfComplianceFindingsInPagesAndJsonLines() {
        String account = ResultFiles.randomAccount();
        var project = files.project("Payments", "OCSF", account);
        var report = automation.importResults(stream(render("ocsf-checkout.json", account, NOW, NOW,
                Map.of("IAM6_OCSF", "Fail", "IAM6_OCSF_ID", "3"))), "ocsf.json", null, project.id());
        assertThat(report.format()).isEqualTo(ResultFormat.SECURITY_HUB_OCSF);
        assertThat(report.findingsRead()).isEqualTo(6);
        assertThat(report.imported()).as("IAM.6 and S3.1").isEqualTo(2);
        assertThat(report.suppressed()).isEqualTo(1);
        assertThat(report.archived()).as("closed").isEqualTo(1);
        assertThat(report.notChecks()).as("a detection finding (2004)").isEqualTo(1);
        assertThat(report.otherAccounts()).isEqualTo(1);
        var iam6 = automation.results(project.id()).stream().filter(r -> r.checkId().equals("IAM.6")).findFirst().orElseThrow();
        assertThat(iam6.status()).isEqualTo(CheckStatus.FAILED);
        assertThat(iam6.firstObserved()).isEqualTo(Instant.ofEpochMilli(1762071291244L));
        var s3 = automation.results(project.id()).stream().filter(r -> r.checkId().equals("S3.1")).findFirst().orElseThrow();
        assertThat(s3.status()).isEqualTo(CheckStatus.PASSED);
        assertThat(s3.firstObserved()).isEqualTo(Instant.parse("2026-11-01T00:00:00Z"));
    }

    @Test
    void configEvaluationResultsNeedTheProjectAndMapRuleNamesToIdentifiers() {
        String account = ResultFiles.randomAccount();
        var project = files.project("Payments", "Config", account);
        byte[] file = render("config-root-mfa.json", account, NOW, NOW, Map.of("ROOT_MFA", "NON_COMPLIANT"));
        assertThatThrownBy(() -> automation.importResults(stream(file), "config.json", null, null))
                .isInstanceOf(UserFacingException.class).hasMessageContaining("choose the project");

        var report = automation.importResults(stream(file), "config.json", ResultFormat.CONFIG_EVALUATIONS, project.id());
        assertThat(report.findingsRead()).isEqualTo(4);
        assertThat(report.imported()).isEqualTo(3);
        assertThat(report.notChecks()).as("NOT_APPLICABLE").isEqualTo(1);
        assertThat(report.unmapped()).isZero();
        var results = automation.results(project.id());
        assertThat(results).extracting(CheckResult::source).containsOnly(CheckSource.CONFIG);
        var sg = results.stream().filter(r -> r.checkId().equals("RESTRICTED_INCOMING_TRAFFIC")).findFirst().orElseThrow();
        assertThat(sg.resourcesChecked()).isEqualTo(2);
        assertThat(sg.failingResources()).containsExactly("AWS::EC2::SecurityGroup sg-0a1b2c3d4e5f60718");
        assertThat(results).extracting(CheckResult::checkId).contains("ROOT_ACCOUNT_MFA_ENABLED");
        // ROOT_ACCOUNT_MFA_ENABLED is IAM.9's rule: it evidences SRM-IAM-03
        assertThat(automation.checksOf(fixtures.row(project, "SRM-IAM-03").id())).extracting(CheckResult::checkId)
                .contains("ROOT_ACCOUNT_MFA_ENABLED");
    }

    @Test
    void findingsWithoutAProjectGoToTheProjectRecordingTheirAccount() {
        String account = ResultFiles.randomAccount();
        var project = files.project("Payments", "Auto", account);
        var report = automation.importResults(stream(asff(account, "FAILED", "PASSED", NOW)), "findings.json", null, null);
        assertThat(report.projects()).extracting(ImportReport.ProjectImport::projectId).containsExactly(project.id());
        assertThat(report.imported()).isEqualTo(4);
    }

    @Test
    void badFilesAreRefusedWithWhatToDoAndNothingIsStored() {
        String account = ResultFiles.randomAccount();
        var project = files.project("Payments", "Bad", account);
        byte[] good = asff(account, "FAILED", "FAILED", NOW);
        byte[] truncated = Arrays.copyOf(good, good.length * 2 / 3);
        assertThatThrownBy(() -> automation.importResults(stream(truncated), "cut.json", null, project.id()))
                .isInstanceOf(UserFacingException.class).hasMessageContaining("truncated").hasMessageContaining("nothing was imported");
        assertThatThrownBy(() -> automation.importResults(stream("{\"Findings\": [ {\"Id\": 1,, }]}".getBytes()), "bad.json", null, project.id()))
                .isInstanceOf(UserFacingException.class).hasMessageContaining("not valid JSON").hasMessageContaining("line 1");
        assertThatThrownBy(() -> automation.importResults(stream("{\"Reports\": []}".getBytes()), "other.json", null, project.id()))
                .isInstanceOf(UserFacingException.class).hasMessageContaining("holds no findings");
        assertThatThrownBy(() -> automation.importResults(stream("<xml/>".getBytes()), "x.xml", null, project.id()))
                .isInstanceOf(UserFacingException.class);
        String missing = new String(good, java.nio.charset.StandardCharsets.UTF_8).replace("\"UpdatedAt\": \"" + NOW + "\",", "");
        assertThatThrownBy(() -> automation.importResults(stream(missing.getBytes()), "m.json", null, project.id()))
                .isInstanceOf(UserFacingException.class).hasMessageContaining("Finding 1 has no UpdatedAt");
        assertThatThrownBy(() -> automation.importResults(stream(good), "g.json", ResultFormat.CONFIG_EVALUATIONS, project.id()))
                .isInstanceOf(UserFacingException.class).hasMessageContaining("choose \"Security Hub findings (ASFF)\"");
        assertThat(imports(project)).isZero();
        assertThat(jdbc.sql("select count(*) from automation_finding_day where project_id = :p").param("p", project.id().value())
                .query(Integer.class).single()).isZero();
    }

    @Test
    @WithUserDetails("alice")
    void aMemberImportsForTheirTeamOnly() {
        String own = ResultFiles.randomAccount();
        String other = ResultFiles.randomAccount();
        var ownProject = files.project("Payments", "Member", own);
        var otherProject = files.project("Data Platform", "Member other", other);
        assertThat(automation.importResults(stream(asff(own, "PASSED", "PASSED", NOW)), "f.json", null, ownProject.id()).imported())
                .isEqualTo(4);
        assertThatThrownBy(() -> automation.importResults(stream(asff(other, "PASSED", "PASSED", NOW)), "f.json", null,
                otherProject.id())).isInstanceOf(AccessDeniedException.class);
        // without a project, another team's account is "another account", never imported
        var report = automation.importResults(stream(asff(other, "PASSED", "PASSED", NOW)), "f.json", null, null);
        assertThat(report.imported()).isZero();
        assertThat(report.otherAccounts()).isEqualTo(8);
    }

    @Test
    void aSuppressionNeedsAJustificationAndAnEndDate() {
        String account = ResultFiles.randomAccount();
        var project = files.project("Payments", "Suppress", account);
        automation.importResults(stream(asff(account, "FAILED", "FAILED", NOW)), "f.json", null, project.id());
        assertThatThrownBy(() -> automation.suppress(project.id(), CheckSource.SECURITY_HUB, "IAM.6", "no", LocalDate.now().plusDays(5)))
                .isInstanceOf(UserFacingException.class).hasMessageContaining("Say why");
        assertThatThrownBy(() -> automation.suppress(project.id(), CheckSource.SECURITY_HUB, "IAM.6", "Break-glass root in a safe",
                LocalDate.now().minusDays(1))).isInstanceOf(UserFacingException.class).hasMessageContaining("end date");
        var s = automation.suppress(project.id(), CheckSource.SECURITY_HUB, "IAM.6", "Break-glass root, hardware key in the safe",
                LocalDate.now().plusDays(30));
        assertThat(automation.results(project.id())).filteredOn(r -> r.checkId().equals("IAM.6"))
                .singleElement().satisfies(r -> assertThat(r.suppressed()).isTrue());
        assertThat(jdbc.sql("select count(*) from audit_log where action = 'CHECK_SUPPRESSED' and entity_id = :id")
                .param("id", String.valueOf(s.id())).query(Integer.class).single()).isEqualTo(1);
        automation.endSuppression(s.id());
        assertThat(automation.suppressions(project.id())).isEmpty();
    }

    @Test
    void theShippedMappingIsLoadedPerVersionEditedWithAnAuditEntryAndExported() {
        var model = projects.project(files.project("Payments", "Mapping", ResultFiles.randomAccount()).id()).modelId();
        var all = mapping.mapping(model);
        assertThat(all).hasSize(575);
        var iam6 = all.stream().filter(m -> m.checkId().equals("IAM.6")).findFirst().orElseThrow();
        assertThat(iam6.configRule()).isEqualTo("ROOT_ACCOUNT_HARDWARE_MFA_ENABLED");
        assertThat(iam6.controlCodes()).containsExactly("SRM-IAM-03");
        assertThat(mapping.ensureShippedMapping(model)).as("loaded once per version").isFalse();

        var acm1 = all.stream().filter(m -> m.checkId().equals("ACM.1")).findFirst().orElseThrow();
        assertThatThrownBy(() -> mapping.setControls(model, "ACM.1", acm1.version(), java.util.List.of("SRM-NOPE-01")))
                .isInstanceOf(UserFacingException.class).hasMessageContaining("no control SRM-NOPE-01");
        var changed = mapping.setControls(model, "ACM.1", acm1.version(), java.util.List.of("SRM-DATA-07", "srm-det-02"));
        assertThat(changed.controlCodes()).containsExactly("SRM-DATA-07", "SRM-DET-02");
        assertThatThrownBy(() -> mapping.setControls(model, "ACM.1", acm1.version(), java.util.List.of("SRM-DATA-07")))
                .isInstanceOf(com.demarc.shared.ConcurrentEditException.class);
        var out = new java.io.StringWriter();
        mapping.exportCsv(model, out);
        assertThat(out.toString()).startsWith("securityhub_control_id,config_rule_identifier,aws_service,severity,srm_controls,confidence,note")
                .contains("ACM.1,ACM_CERTIFICATE_EXPIRATION_CHECK,ACM,MEDIUM,SRM-DATA-07|SRM-DET-02");
        mapping.setControls(model, "ACM.1", changed.version(), java.util.List.of("SRM-DATA-07"));
    }
}
