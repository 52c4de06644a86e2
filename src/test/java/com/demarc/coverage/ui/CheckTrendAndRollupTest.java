package com.demarc.coverage.ui;

import com.demarc.automation.AutomationService;
import com.demarc.automation.ResultFiles;
import com.demarc.coverage.CheckTrendPoint;
import com.demarc.coverage.Coverage;
import com.demarc.coverage.CoverageService;
import com.demarc.support.DemarcTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.test.context.support.WithUserDetails;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The trend of passing checks per import day (newest result per check as of each day), and FAILING_CHECK in the
 * coverage breakdowns and their exports (the rollups have no column for it).
 */
@DemarcTest
@WithUserDetails("manager")
class CheckTrendAndRollupTest {
    @Autowired
    AutomationService automation;
    @Autowired
    CoverageService coverage;
    @Autowired
    ResultFiles files;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    com.demarc.oscal.OscalService oscal;

    @Test
    void thePassingShareIsTheNewestResultPerCheckAsOfEachImportDay() {
        String account = ResultFiles.randomAccount();
        var project = files.project("Payments", "Trend", account);
        Instant now = Instant.now().minus(Duration.ofMinutes(5)).truncatedTo(ChronoUnit.MILLIS);
        // today: IAM.6 passed, EC2.19 failed (one of two groups), CloudTrail.1 passed
        automation.importResults(ResultFiles.stream(ResultFiles.render("asff-checkout.json", account, now, now,
                Map.of("IAM6", "PASSED", "EC219", "FAILED"))), "today.json", null, project.id());
        // ten days ago (as an earlier import would have stored it): IAM.6 failed, S3.1 passed
        Instant then = now.minus(Duration.ofDays(10));
        long content = jdbc.sql("select content_id from automation_import where project_id = :p")
                .param("p", project.id().value()).query(Long.class).single();
        long old = jdbc.sql("""
                        insert into automation_import (project_id, format, file_name, content_id, sha256, size, findings,
                                                       imported_at, imported_by)
                        select :p, 'SECURITY_HUB_ASFF', 'earlier.json', content_id, sha256, size, 2, :t, 'manager'
                          from automation_import where project_id = :p returning id""")
                .param("p", project.id().value()).param("t", Timestamp.from(then)).query(Long.class).single();
        for (var r : Map.of("IAM.6", "FAILED", "S3.1", "PASSED").entrySet()) {
            jdbc.sql("""
                            insert into automation_result (import_id, project_id, source, check_id, status, resources_checked,
                                                           resources_failing, first_observed, last_observed)
                            values (:i, :p, 'SECURITY_HUB', :c, :s, 1, :f, :t, :t)""")
                    .param("i", old).param("p", project.id().value()).param("c", r.getKey()).param("s", r.getValue())
                    .param("f", r.getValue().equals("FAILED") ? 1 : 0).param("t", Timestamp.from(then)).update();
        }
        assertThat(content).isPositive();

        var trend = coverage.checkTrend(project.id());
        LocalDate today = now.atZone(ZoneOffset.UTC).toLocalDate();
        assertThat(trend).containsExactly(
                new CheckTrendPoint(then.atZone(ZoneOffset.UTC).toLocalDate(), 1, 1, 2),
                new CheckTrendPoint(today, 3, 1, 4));
        assertThat(trend.get(0).percent()).isEqualTo(50);
        assertThat(trend.get(1).percent()).isEqualTo(75);
        var table = CheckTrendPanel.table(trend);
        assertThat(table.headers()).containsExactly("Day", "Passed", "Failed", "Checks", "Passing %");
        assertThat(table.rows().get(1)).containsExactly(today.toString(), 3, 1, 4, 75);

        // the dashboard's trend (the manager's scope) counts this project on both days
        var all = coverage.checkTrend();
        var onToday = all.stream().filter(p -> p.day().equals(today)).findFirst().orElseThrow();
        assertThat(onToday.passed()).isGreaterThanOrEqualTo(3);
        assertThat(onToday.failed()).isGreaterThanOrEqualTo(1);
    }

    @Test
    @WithUserDetails("bob")
    void aMemberOfAnotherTeamDoesNotSeeTheProjectsTrend() {
        var project = files.project("Payments", "Trend hidden", ResultFiles.randomAccount());
        assertThatThrownBy(() -> coverage.checkTrend(project.id())).isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void aFailingCheckIsItsOwnColumnInTheProjectsCoverageAndTheExport() throws Exception {
        String account = ResultFiles.randomAccount();
        var project = files.project("Payments", "Rollup", account);
        files.ownedAndImplemented(project, "SRM-NET-02"); // EC2.19 is mapped to it
        Instant now = Instant.now().minus(Duration.ofMinutes(5)).truncatedTo(ChronoUnit.MILLIS);
        automation.importResults(ResultFiles.stream(ResultFiles.render("asff-checkout.json", account, now, now,
                Map.of("IAM6", "PASSED", "EC219", "FAILED"))), "rollup.json", null, project.id());
        int failing = jdbc.sql("select count(*) from coverage_state_v where project_id = :p and state = 'FAILING_CHECK'")
                .param("p", project.id().value()).query(Integer.class).single();
        assertThat(failing).isEqualTo(1);

        var byOwner = coverage.projectCoverage(project.id());
        Coverage all = byOwner.getFirst();
        assertThat(all.failingCheck()).isEqualTo(failing);
        assertThat(all.applicable()).isEqualTo(all.covered() + all.unowned() + all.notImplemented() + all.noEvidence()
                + all.failingCheck() + all.attestationMissing());
        var export = CoveragePanel.table("By owner", byOwner);
        int column = export.headers().indexOf("Failing check");
        assertThat(column).as("the export names the state").isPositive();
        assertThat(export.rows().getFirst().get(column)).isEqualTo(1);
        assertThat(GapsPiece.gapCount(all, com.demarc.coverage.GapQuery.Kind.FAILING_CHECK)).isEqualTo(1);

        // the OSCAL SSP: implemented on paper, failing in AWS → partial, with the reason
        var ssp = com.demarc.oscal.internal.OscalIo.read(oscal.exportSsp(project.id(), com.demarc.oscal.OscalFormat.JSON).bytes(),
                gov.nist.secauto.oscal.lib.model.SystemSecurityPlan.class, com.demarc.oscal.OscalFormat.JSON);
        var requirement = ssp.getControlImplementation().getImplementedRequirements().stream()
                .filter(r -> r.getControlId().equals("SRM-NET-02")).findFirst().orElseThrow();
        var own = requirement.getByComponents().stream()
                .filter(b -> b.getComponentUuid().equals(com.demarc.oscal.internal.SspDocument.thisSystemUuid(project)))
                .findFirst().orElseThrow();
        assertThat(own.getImplementationStatus().getState()).isEqualTo("partial");
        assertThat(own.getImplementationStatus().getRemarks().toMarkdown()).contains("Failing check");
    }
}
