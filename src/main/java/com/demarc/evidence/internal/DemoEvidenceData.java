package com.demarc.evidence.internal;

import com.demarc.catalog.Owner;
import com.demarc.evidence.AttestationService;
import com.demarc.evidence.EvidenceService;
import com.demarc.project.ControlQuery;
import com.demarc.project.Project;
import com.demarc.project.ProjectControl;
import com.demarc.project.ProjectService;
import com.demarc.shared.Actors;
import com.demarc.shared.Role;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * Demo evidence (profile {@code demo} only): a few real files on Checkout API — accepted, awaiting review, one
 * expiring soon — and an AWS SOC 2 report linked to the AWS-owned controls of every demo project. Runs once.
 */
@Component
@Profile("demo")
@Order(40)
class DemoEvidenceData implements ApplicationRunner {
    private final EvidenceService evidence;
    private final AttestationService attestations;
    private final ProjectService projects;
    private final JdbcClient jdbc;

    DemoEvidenceData(EvidenceService evidence, AttestationService attestations, ProjectService projects, JdbcClient jdbc) {
        this.evidence = evidence;
        this.attestations = attestations;
        this.projects = projects;
        this.jdbc = jdbc;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (jdbc.sql("select exists(select 1 from attestation) or exists(select 1 from evidence_item)")
                .query(Boolean.class).single()) {
            return;
        }
        Actors.runAsSystem(Set.of(Role.MANAGER), () -> {
            var today = projects.today();
            Project checkout = projects.findProjects("Checkout API", false, 0, 5).stream()
                    .filter(p -> p.name().equals("Checkout API")).findFirst().orElse(null);
            if (checkout != null) {
                // every control already implemented gets its (demo) proof, accepted: the dashboard shows real coverage
                for (ProjectControl row : projects.controls(new ControlQuery(checkout.id(), null, null, null,
                        com.demarc.project.Status.IMPLEMENTED, null), 0, 200)) {
                    if (row.needsRaci()) {
                        upload(checkout, row.data().code(), row.data().code().toLowerCase(java.util.Locale.ROOT) + "-evidence.pdf",
                                row.data().title() + ": implementation record", today.minusMonths(3), today.plusMonths(9), true);
                    }
                }
                upload(checkout, "SRM-IAM-03", "root-mfa-evidence.pdf", "Root user MFA: hardware keys on all accounts",
                        today.minusMonths(2), today.plusMonths(10), true);
                upload(checkout, "SRM-IAM-06", "access-review-2026-q3.pdf", "Quarterly IAM access review Q3 2026",
                        today.minusMonths(1), today.plusDays(20), true);
                upload(checkout, "SRM-DET-01", "cloudtrail-organisation-trail.pdf", "Organisation CloudTrail configuration",
                        today.minusDays(5), today.plusYears(1), false);
            }
            var soc2 = attestations.create("AWS SOC 2 Type II report (Apr–Sep 2026)", "SOC 2 Type II",
                    LocalDate.of(2026, 4, 1), LocalDate.of(2026, 9, 30), LocalDate.of(2027, 3, 31),
                    "https://aws.amazon.com/artifact/", "aws-soc2-type2-2026h1.pdf",
                    new ByteArrayInputStream(MinimalPdf.of("AWS SOC 2 Type II report, April to September 2026 (demo stand-in)")));
            List<String> awsCodes = jdbc.sql("""
                            select distinct c.code from project_control_v pc join catalog_control_v c on c.id = pc.control_id
                             where pc.owner = 'AWS' and c.code like 'SRM-AWS-%'""").query(String.class).list();
            attestations.link(soc2.id(), awsCodes, List.of());
        });
    }

    private void upload(Project project, String code, String file, String title, LocalDate from, LocalDate until,
                        boolean accept) {
        ProjectControl row = projects.controls(new ControlQuery(project.id(), null, null, null, null, code), 0, 5)
                .stream().filter(c -> c.data().code().equals(code) && c.data().owner() != Owner.AWS).findFirst().orElse(null);
        if (row == null) {
            return;
        }
        if (row.data().status() != com.demarc.project.Status.IMPLEMENTED && accept) {
            row = projects.setStatus(row.id(), row.version(), com.demarc.project.Status.IMPLEMENTED, null, row.data().dueDate(),
                    row.data().notes());
        }
        var item = evidence.upload(row.id(), null, file, new ByteArrayInputStream(MinimalPdf.of(title)), title, from, until);
        if (accept) {
            var v = item.current();
            // uploaded as the system account, accepted by the demo's compliance manager (nobody accepts their own)
            com.demarc.shared.Actors.runAs(new com.demarc.shared.DemarcUser(0, "manager", "Compliance manager",
                    java.util.Set.of(com.demarc.shared.Role.MANAGER), true, null),
                    () -> evidence.review(v.id(), v.version(), true, "Checked against the account settings."));
        }
    }
}
