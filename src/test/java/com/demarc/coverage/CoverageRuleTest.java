package com.demarc.coverage;

import com.demarc.evidence.AttestationService;
import com.demarc.evidence.EvidenceService;
import com.demarc.organization.UserDirectory;
import com.demarc.project.Project;
import com.demarc.project.ProjectControl;
import com.demarc.project.ProjectService;
import com.demarc.project.Status;
import com.demarc.raci.Assignee;
import com.demarc.raci.RaciEntry;
import com.demarc.raci.RaciRole;
import com.demarc.raci.RaciService;
import com.demarc.shared.Actors;
import com.demarc.shared.Role;
import com.demarc.support.DemarcTest;
import com.demarc.support.Fixtures;
import com.demarc.support.TestFiles;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.test.context.support.WithUserDetails;

import java.io.ByteArrayInputStream;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The coverage rule, one state at a time, walking a single control through them as a team would. */
@DemarcTest
@WithUserDetails("manager")
class CoverageRuleTest {
    @Autowired
    Fixtures fixtures;
    @Autowired
    ProjectService projects;
    @Autowired
    RaciService raci;
    @Autowired
    EvidenceService evidence;
    @Autowired
    AttestationService attestations;
    @Autowired
    CoverageService coverage;
    @Autowired
    UserDirectory users;
    @Autowired
    JdbcClient jdbc;

    private String state(ProjectControl row) {
        return jdbc.sql("select state from coverage_state_v where project_control_id = :id").param("id", row.id().value())
                .query(String.class).single();
    }

    private boolean flag(ProjectControl row, String flag) {
        return jdbc.sql("select " + flag + " from coverage_state_v where project_control_id = :id")
                .param("id", row.id().value()).query(Boolean.class).single();
    }

    private ProjectControl fresh(ProjectControl row) {
        return projects.control(row.id());
    }

    @Test
    void aCustomerControlMovesFromUnownedToCovered() {
        Project project = fixtures.project("Payments", "Rule", "EC2");
        var row = fixtures.row(project, "SRM-IAM-02");
        assertThat(state(row)).isEqualTo("UNOWNED");

        var alice = users.findForLogin("alice").orElseThrow();
        raci.setRaci(row.id(), row.version(), List.of(new RaciEntry(RaciRole.A, Assignee.person(alice.id(), "Alice"))));
        assertThat(state(row)).as("A without R is still unowned").isEqualTo("UNOWNED");
        raci.setRaci(row.id(), fresh(row).version(), List.of(new RaciEntry(RaciRole.A, Assignee.person(alice.id(), "Alice")),
                new RaciEntry(RaciRole.R, Assignee.team(fixtures.team("Payments"), "Payments"))));
        assertThat(state(row)).isEqualTo("NOT_IMPLEMENTED");

        projects.setStatus(row.id(), fresh(row).version(), Status.IN_PROGRESS, null, LocalDate.now().minusDays(1), "");
        assertThat(flag(row, "overdue")).isTrue();

        projects.setStatus(row.id(), fresh(row).version(), Status.IMPLEMENTED, null, LocalDate.now().minusDays(1), "");
        assertThat(state(row)).isEqualTo("NO_EVIDENCE");
        assertThat(flag(row, "overdue")).as("done is never overdue").isFalse();

        var submitted = evidence.upload(row.id(), null, "iam.pdf", new ByteArrayInputStream(TestFiles.pdf("iam")), null,
                null, LocalDate.now().plusDays(10));
        assertThat(state(row)).as("submitted, not yet accepted").isEqualTo("NO_EVIDENCE");
        var v = submitted.current();
        // reviewed by someone other than the uploader (separation of duties)
        com.demarc.shared.Actors.runAsSystem(java.util.Set.of(com.demarc.shared.Role.MANAGER), () -> evidence.review(v.id(), v.version(), true, null));
        assertThat(state(row)).isEqualTo("COVERED");
        assertThat(flag(row, "expiring")).as("valid only 10 more days").isTrue();

        var expired = evidence.upload(row.id(), submitted.id(), "iam-old.pdf", new ByteArrayInputStream(TestFiles.pdf("old")),
                null, null, null);
        assertThat(state(row)).as("the newest version counts, and it awaits review").isEqualTo("NO_EVIDENCE");
        evidence.setValidity(expired.id(), expired.version(), null, LocalDate.now().minusDays(1));
        var latest = evidence.items(row.id()).get(0).current();
        // reviewed by someone other than the uploader (separation of duties)
        com.demarc.shared.Actors.runAsSystem(java.util.Set.of(com.demarc.shared.Role.MANAGER), () -> evidence.review(latest.id(), latest.version(), true, null));
        assertThat(state(row)).as("accepted but expired").isEqualTo("NO_EVIDENCE");
        assertThat(flag(row, "expired")).isTrue();

        projects.setStatus(row.id(), fresh(row).version(), Status.NOT_APPLICABLE, "SSO only, no IAM users", null, "");
        assertThat(state(row)).isEqualTo("NOT_APPLICABLE");
    }

    @Test
    void anAwsControlIsCoveredByAValidAttestation() {
        Project project = fixtures.project("Payments", "Inherited", "EC2");
        var row = fixtures.row(project, "SRM-AWS-03");
        assertThat(state(row)).isEqualTo("ATTESTATION_MISSING");
        var report = attestations.create("ISO 27001 certificate", "ISO/IEC 27001", LocalDate.now().minusYears(1),
                LocalDate.now(), LocalDate.now().plusYears(1), "https://aws.amazon.com/artifact/", null, null);
        attestations.link(report.id(), List.of("SRM-AWS-03"), List.of(project.id()));
        assertThat(state(row)).isEqualTo("COVERED");
    }

    @Test
    void theDashboardIsScopedToTheUsersTeams() {
        fixtures.project("Data Platform", "Scope check", "S3");
        var snapshot = new java.util.concurrent.atomic.AtomicReference<CoverageService.Snapshot>();
        Actors.runAsSystem(Set.of(Role.MANAGER), () -> snapshot.set(coverage.snapshotNow()));
        // what the manager is told (issue 19): how many projects, and when
        int projects = snapshot.get().projects();
        assertThat(projects).isPositive()
                .isLessThanOrEqualTo(jdbc.sql("select count(*) from project").query(Integer.class).single());
        assertThat(snapshot.get().message()).startsWith("Snapshot of " + projects + " project")
                .matches(".* taken at \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} \\(.+\\); .*");
        var all = coverage.dashboard();
        assertThat(all.byTeam()).extracting(Coverage::label).contains("Payments", "Data Platform");
        var alice = (com.demarc.shared.DemarcUser) new Object() {
            com.demarc.shared.DemarcUser load() {
                var a = users.findForLogin("alice").orElseThrow();
                return new com.demarc.shared.DemarcUser(a.id().value(), a.username(), a.displayName(), a.roles(), true, null);
            }
        }.load();
        Actors.runAs(alice, () -> {
            var mine = coverage.dashboard();
            assertThat(mine.byTeam()).extracting(Coverage::label).containsExactly("Payments");
            assertThat(mine.overall().applicable()).isLessThan(all.overall().applicable());
            assertThat(coverage.gaps(GapQuery.of(GapQuery.Kind.NOT_COVERED), 0, 1000))
                    .allMatch(g -> g.team().equals("Payments"));
        });
    }
}
