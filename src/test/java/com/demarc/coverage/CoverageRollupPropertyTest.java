package com.demarc.coverage;

import com.demarc.evidence.EvidenceService;
import com.demarc.organization.UserDirectory;
import com.demarc.project.ControlQuery;
import com.demarc.project.Project;
import com.demarc.project.ProjectControl;
import com.demarc.project.ProjectService;
import com.demarc.project.Status;
import com.demarc.raci.Assignee;
import com.demarc.raci.RaciEntry;
import com.demarc.raci.RaciRole;
import com.demarc.raci.RaciService;
import com.demarc.support.DemarcTest;
import com.demarc.support.Fixtures;
import com.demarc.support.TestFiles;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.test.context.support.WithUserDetails;

import java.io.ByteArrayInputStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Property: after any sequence of changes made through the services (status, RACI, evidence upload and review,
 * services, archive), the rollups equal a raw aggregate of the coverage rule over the same rows.
 */
@DemarcTest
@WithUserDetails("manager")
class CoverageRollupPropertyTest {
    @Autowired
    Fixtures fixtures;
    @Autowired
    ProjectService projects;
    @Autowired
    RaciService raci;
    @Autowired
    EvidenceService evidence;
    @Autowired
    UserDirectory users;
    @Autowired
    JdbcClient jdbc;

    @Test
    void rollupsAlwaysEqualTheRawAggregate() {
        var random = new Random(20261128);
        List<Project> sample = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            sample.add(fixtures.project(i % 2 == 0 ? "Payments" : "Data Platform", "Coverage " + i,
                    i % 2 == 0 ? new String[]{"EC2", "RDS"} : new String[]{"S3", "LAMBDA"}));
        }
        var alice = users.findForLogin("alice").orElseThrow();
        var bob = users.findForLogin("bob").orElseThrow();
        var manager = users.findForLogin("manager").orElseThrow();
        assertRollupsMatch();
        for (int step = 0; step < 120; step++) {
            Project project = sample.get(random.nextInt(sample.size()));
            var rows = projects.controls(new ControlQuery(project.id(), null, null, null, null, null), 0, 500).stream()
                    .filter(ProjectControl::needsRaci).toList();
            ProjectControl row = projects.control(rows.get(random.nextInt(rows.size())).id());
            switch (random.nextInt(6)) {
                case 0 -> projects.setStatus(row.id(), row.version(), Status.values()[random.nextInt(3)], null,
                        random.nextBoolean() ? LocalDate.now().minusDays(3) : null, "");
                case 1 -> projects.setStatus(row.id(), row.version(), Status.NOT_APPLICABLE, "not used here", null, "");
                case 2 -> {
                    // R and A come from the project's current team or the managers (ADR 0026)
                    var member = projects.project(project.id()).teamId().equals(fixtures.team("Payments")) ? alice : bob;
                    raci.setRaci(row.id(), row.version(), random.nextBoolean()
                            ? List.of(new RaciEntry(RaciRole.A, Assignee.person(member.id(), member.displayName())),
                            new RaciEntry(RaciRole.R, Assignee.person(manager.id(), "Manager")))
                            : List.of(new RaciEntry(RaciRole.A, Assignee.person(member.id(), member.displayName()))));
                }
                case 3 -> {
                    var until = random.nextBoolean() ? LocalDate.now().plusDays(random.nextInt(60) - 10) : null;
                    var item = evidence.upload(row.id(), null, "e" + step + ".pdf",
                            new ByteArrayInputStream(TestFiles.pdf("step " + step)), null, null, until);
                    if (random.nextInt(3) > 0) {
                        var v = item.current();
                        // reviewed by someone other than the uploader (separation of duties)
                        com.demarc.shared.Actors.runAsSystem(java.util.Set.of(com.demarc.shared.Role.MANAGER), () -> evidence.review(v.id(), v.version(), random.nextInt(4) > 0, "checked"));
                    }
                }
                case 4 -> {
                    var p = projects.project(project.id());
                    var services = new java.util.HashSet<>(p.services().stream().map(s -> s.id()).toList());
                    var all = jdbc.sql("select id from aws_service order by id")
                            .query((rs, n) -> new com.demarc.catalog.AwsServiceId(rs.getLong(1))).list();
                    var toggle = all.get(random.nextInt(all.size()));
                    if (!services.remove(toggle)) {
                        services.add(toggle);
                    }
                    // sometimes the project also moves to the other team: both teams' rollups must follow
                    var payments = fixtures.team("Payments");
                    var team = random.nextInt(3) > 0 ? p.teamId() : p.teamId().equals(payments) ? fixtures.team("Data Platform") : payments;
                    projects.update(p.id(), p.version(), new com.demarc.project.ProjectDraft(team, p.name(),
                            p.description(), p.awsAccountIds().stream().map(com.demarc.project.AwsAccountId::value).toList(), services));
                }
                default -> {
                    var p = projects.project(project.id());
                    projects.setArchived(p.id(), p.version(), !p.archived());
                }
            }
            if (step % 10 == 9) {
                assertRollupsMatch();
            }
        }
        assertRollupsMatch();
    }

    private void assertRollupsMatch() {
        var rollup = jdbc.sql("""
                select project_id || '/' || domain_code || '/' || owner || '/' || state || '=' || controls || ',' || expiring
                       || ',' || overdue || ',' || expired
                  from coverage_rollup r where exists (select 1 from project p where p.id = r.project_id and not p.archived)
                 order by 1""").query(String.class).list();
        var raw = jdbc.sql("""
                select project_id || '/' || domain_code || '/' || owner || '/' || state || '=' || count(*) || ','
                       || count(*) filter (where expiring) || ',' || count(*) filter (where overdue) || ','
                       || count(*) filter (where expired)
                  from coverage_state_v group by project_id, domain_code, owner, state order by 1""").query(String.class).list();
        assertThat(rollup).isEqualTo(raw);
        var summaryRollup = jdbc.sql("select project_id || '/' || row_code || '/' || state || '=' || controls from coverage_summary_rollup s"
                + " where exists (select 1 from project p where p.id = s.project_id and not p.archived) order by 1")
                .query(String.class).list();
        var summaryRaw = jdbc.sql("""
                select v.project_id || '/' || r.code || '/' || v.state || '=' || count(*)
                  from coverage_state_v v join project_control pc on pc.id = v.project_control_id
                  join model_summary_control sc on sc.control_id = pc.control_id join model_summary_row r on r.id = sc.row_id
                 group by v.project_id, r.code, v.state order by 1""").query(String.class).list();
        assertThat(summaryRollup).isEqualTo(summaryRaw);
        // the kept per-row states (gap lists page over them) are exactly the rule's
        String row = "project_control_id || '/' || project_id || '/' || team_id || '/' || code || '/' || domain_code || '/' || owner"
                + " || '/' || state || '/' || expiring || '/' || overdue || '/' || expired";
        assertThat(jdbc.sql("select " + row + " from coverage_state order by project_control_id").query(String.class).list())
                .isEqualTo(jdbc.sql("select " + row + " from coverage_state_v order by project_control_id").query(String.class).list());
        // the team rollups the organisation's dashboard reads equal the raw aggregate per team
        String states = """
                count(*) filter (where state <> 'NOT_APPLICABLE') || ',' || count(*) filter (where state = 'COVERED') || ','
                || count(*) filter (where state = 'UNOWNED') || ',' || count(*) filter (where state = 'NOT_IMPLEMENTED') || ','
                || count(*) filter (where state = 'NO_EVIDENCE') || ',' || count(*) filter (where state = 'ATTESTATION_MISSING')""";
        var teamRollup = jdbc.sql("""
                select team_id || '/' || domain_code || '/' || owner || '=' || applicable || ',' || covered || ',' || unowned
                       || ',' || not_implemented || ',' || no_evidence || ',' || attestation_missing || ';' || expiring
                       || ',' || overdue || ',' || expired
                  from coverage_team_rollup order by 1""").query(String.class).list();
        var teamRaw = jdbc.sql("select team_id || '/' || domain_code || '/' || owner || '=' || " + states + """
                       || ';' || count(*) filter (where expiring) || ',' || count(*) filter (where overdue) || ','
                       || count(*) filter (where expired)
                  from coverage_state_v group by team_id, domain_code, owner order by 1""").query(String.class).list();
        assertThat(teamRollup).isEqualTo(teamRaw);
        var teamSummary = jdbc.sql("""
                select team_id || '/' || row_code || '=' || applicable || ',' || covered || ',' || unowned || ',' || not_implemented
                       || ',' || no_evidence || ',' || attestation_missing
                  from coverage_team_summary_rollup order by 1""").query(String.class).list();
        var teamSummaryRaw = jdbc.sql("select v.team_id || '/' || r.code || '=' || " + states.replace("state", "v.state") + """

                  from coverage_state_v v join project_control pc on pc.id = v.project_control_id
                  join model_summary_control sc on sc.control_id = pc.control_id join model_summary_row r on r.id = sc.row_id
                 group by v.team_id, r.code order by 1""").query(String.class).list();
        assertThat(teamSummary).isEqualTo(teamSummaryRaw);
    }
}
