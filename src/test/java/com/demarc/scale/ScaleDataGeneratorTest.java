package com.demarc.scale;

import com.demarc.audit.AuditLog;
import com.demarc.evidence.EvidenceService;
import com.demarc.shared.Actors;
import com.demarc.shared.Role;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The scale-data command writes what a user of the generated data would check: the sizes it promises, an audit chain
 * that still verifies, rollups equal to the rule, evidence files whose hashes match, users who can sign in, and a
 * second run refused with nothing added. Runs in its own JVM (surefire execution "scale-data"), on a freshly cleaned
 * test database, so the thousands of generated rows never meet the other tests' expectations.
 */
// no demo profile: the generator refuses a database that already holds users or projects
@org.springframework.boot.test.context.SpringBootTest
@org.springframework.test.context.ActiveProfiles("test")
@org.springframework.context.annotation.Import(com.demarc.support.TestDatabaseConfiguration.class)
@Tag("scale-data")
class ScaleDataGeneratorTest {
    @Autowired
    ScaleDataGenerator generator;
    @Autowired
    AuditLog audit;
    @Autowired
    EvidenceService evidence;
    @Autowired
    PasswordEncoder passwordEncoder;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    com.demarc.coverage.CoverageService coverage;
    @Autowired
    org.springframework.security.core.userdetails.UserDetailsService accounts;

    @Test
    void sizeSIsCompleteConsistentAndOnlyOnce() {
        var report = generator.generate(ScaleSize.S);

        assertThat(report.projectControls()).isEqualTo(160L * 64);
        assertThat(generator.projectsPresent()).isEqualTo(160);
        assertThat(report.rows()).containsEntry("team", 8L).containsEntry("app_user", 42L);
        assertThat(report.rows().get("evidence_item")).isPositive();
        assertThat(report.rows().get("audit_log")).isEqualTo(160L * 32);

        Actors.runAsSystem(Set.of(Role.AUDITOR), () -> assertThat(audit.verify().intact()).isTrue());

        var raw = jdbc.sql("""
                select project_id || '/' || domain_code || '/' || owner || '/' || state || '=' || count(*)
                  from coverage_state_v group by project_id, domain_code, owner, state order by 1""").query(String.class).list();
        var rollup = jdbc.sql("""
                select project_id || '/' || domain_code || '/' || owner || '/' || state || '=' || controls
                  from coverage_rollup order by 1""").query(String.class).list();
        assertThat(rollup).isEqualTo(raw);
        // every generated owner is the product's own rule: customer/shared rows are owned unless left unowned on purpose
        long unowned = jdbc.sql("select count(*) from coverage_state where state = 'UNOWNED'").query(Long.class).single();
        assertThat(unowned).isBetween(1L, report.projectControls() / 10);

        var versions = jdbc.sql("select id from evidence_version where uploaded_by like 's0%' order by id limit 3")
                .query(Long.class).list();
        assertThat(versions).hasSize(3);
        Actors.runAsSystem(Set.of(Role.MANAGER), () -> versions.forEach(id -> assertThat(evidence.verify(id).intact()).isTrue()));

        String hash = jdbc.sql("select password_hash from app_user where username = :u")
                .param("u", ScaleDataGenerator.member(1, 0)).query(String.class).single();
        assertThat(passwordEncoder.matches(ScaleDataGenerator.PASSWORD, hash)).isTrue();

        // with more than 50 projects in view the heat map shows teams, least covered first; a member's 20 show as projects
        Actors.runAs((com.demarc.shared.DemarcUser) accounts.loadUserByUsername(ScaleDataGenerator.MANAGER), () -> {
            var heat = coverage.dashboard().heatMap();
            assertThat(heat.by()).isEqualTo(com.demarc.coverage.Dashboard.HeatMap.By.TEAM);
            assertThat(heat.rows()).isBetween(8L, 50L);
        });
        Actors.runAs((com.demarc.shared.DemarcUser) accounts.loadUserByUsername(ScaleDataGenerator.member(1, 0)), () -> {
            var d = coverage.dashboard();
            assertThat(d.heatMap().by()).isEqualTo(com.demarc.coverage.Dashboard.HeatMap.By.PROJECT);
            assertThat(d.heatMap().rows()).isEqualTo(20);
            assertThat(d.byTeam()).extracting(com.demarc.coverage.Coverage::label).containsExactly("Scale team 0001");
        });

        long teams = jdbc.sql("select count(*) from team").query(Long.class).single();
        assertThatThrownBy(() -> generator.generate(ScaleSize.S)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already holds scale data");
        assertThat(jdbc.sql("select count(*) from team").query(Long.class).single()).isEqualTo(teams);
    }

    @Test
    void unknownSizeSaysWhichExist() {
        assertThatThrownBy(() -> ScaleSize.parse("XL")).hasMessageContaining("use S (~10k project controls), M (~100k) or L (~1M)");
        assertThat(ScaleSize.parse(" m ")).isEqualTo(ScaleSize.M);
    }
}
