package com.demarc.audit;

import com.demarc.support.DemarcTest;
import com.demarc.support.TestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithUserDetails;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Two database roles: the app's login owns nothing and may only read and append to the audit tables, so it cannot
 * delete, edit, truncate, switch off the triggers of, or take over the audit log (the attack of issue 13). The
 * privilege tests need a two-role test database (TEST_FLYWAY_USER set, as in CI) and are skipped in a single-role one;
 * the start-up warning is checked in both.
 */
@DemarcTest
@WithUserDetails("auditor")
class AuditRolesTest {
    private static final String SINGLE_ROLE = "single-role test database (TEST_FLYWAY_USER unset): the app login owns the "
            + "tables, so there is no privilege boundary to test";

    @Autowired
    AuditLog audit;

    @Test
    void theAppRoleCannotDeleteUpdateTruncateOrSwitchOffTheAuditLog() throws SQLException {
        assumeTrue(TestDatabase.get().twoRoles(), SINGLE_ROLE);
        audit.recordIndependently(AuditAction.ACCESS_DENIED, "test", "roles", "an entry to attack");
        audit.checkpointHead();
        String owner = TestDatabase.get().ownerUsername();
        List<String> attacks = new ArrayList<>();
        for (String table : List.of("audit_log", "audit_checkpoint")) {
            attacks.addAll(List.of(
                    "delete from " + table,
                    "update " + table + " set hash = hash",
                    "truncate " + table,
                    "alter table " + table + " disable trigger user",
                    "alter table " + table + " disable trigger all",
                    "drop trigger " + table + "_no_delete on " + table,
                    "create trigger sneaky before insert on " + table + " for each row execute function audit_log_refuse_change()",
                    "alter table " + table + " owner to " + TestDatabase.get().username(),
                    "drop table " + table));
        }
        attacks.add("set role " + owner);
        attacks.add("create or replace function audit_log_refuse_change() returns trigger language plpgsql as $$ begin return null; end $$");
        try (var app = TestDatabase.appConnection(); var st = app.createStatement()) {
            for (String attack : attacks) {
                assertThatThrownBy(() -> st.execute(attack)).as(attack).isInstanceOf(SQLException.class)
                        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).as(attack + ": " + e.getMessage())
                                .isIn("42501", "42P01")); // insufficient privilege (or "must be owner")
            }
            try (var rs = st.executeQuery("select count(*) from audit_log")) {
                rs.next();
                assertThat(rs.getLong(1)).as("nothing was removed").isPositive();
            }
        }
    }

    @Test
    void theAppRoleCannotRewriteStoredEvidenceInPlaceOnlyRecordAReview() throws SQLException {
        assumeTrue(TestDatabase.get().twoRoles(), SINGLE_ROLE);
        try (var app = TestDatabase.appConnection(); var st = app.createStatement()) {
            for (String attack : List.of(
                    "update evidence_version set sha256 = repeat('0', 64)",
                    "update evidence_version set content_id = content_id, size_bytes = size_bytes",
                    "update evidence_chunk set data = data",
                    "update attestation set sha256 = repeat('0', 64)")) {
                assertThatThrownBy(() -> st.execute(attack)).as(attack).isInstanceOf(SQLException.class)
                        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).as(attack).isEqualTo("42501"));
            }
            // recording a review stays possible (no row matches: nothing changes)
            assertThat(st.executeUpdate("update evidence_version set review_state = review_state, review_comment = "
                    + "review_comment, reviewed_by = reviewed_by, reviewed_at = reviewed_at, version = version where false"))
                    .isZero();
        }
    }

    @Test
    void theAppRoleOwnsNothingAndHasOnlySelectAndInsertOnTheAuditTables() throws SQLException {
        assumeTrue(TestDatabase.get().twoRoles(), SINGLE_ROLE);
        try (var app = TestDatabase.appConnection(); var st = app.createStatement()) {
            try (var rs = st.executeQuery("select count(*) from pg_class where pg_has_role(current_user, relowner, 'MEMBER') and relpersistence <> 't'")) {
                rs.next();
                assertThat(rs.getLong(1)).as("relations the app role owns").isZero();
            }
            try (var rs = st.executeQuery("""
                    select t.relname || ':' || p.priv from pg_class t
                      cross join unnest(array['SELECT','INSERT','UPDATE','DELETE','TRUNCATE','TRIGGER','REFERENCES']) p(priv)
                     where t.relname in ('audit_log', 'audit_checkpoint') and has_table_privilege(current_user, t.oid, p.priv)
                     order by 1""")) {
                var privileges = new ArrayList<String>();
                while (rs.next()) {
                    privileges.add(rs.getString(1));
                }
                assertThat(privileges).containsExactly("audit_checkpoint:INSERT", "audit_checkpoint:SELECT",
                        "audit_log:INSERT", "audit_log:SELECT");
            }
            // every other table (including those added by later migrations) is usable without anyone granting it
            try (var rs = st.executeQuery("""
                    select string_agg(relname, ', ') from pg_class
                     where relnamespace = current_schema()::regnamespace and relkind in ('r', 'p')
                       and relname not in ('audit_log', 'audit_checkpoint', 'flyway_schema_history')
                       and not has_table_privilege(current_user, oid, 'SELECT, INSERT, UPDATE, DELETE')""")) {
                rs.next();
                assertThat(rs.getString(1)).as("tables the app role cannot use").isNull();
            }
        }
    }

    @Test
    void theStartUpCheckWarnsExactlyWhenTheAppRoleCouldAlterTheLog() {
        var warning = audit.protectionWarning();
        if (TestDatabase.get().twoRoles()) {
            assertThat(warning).isEmpty();
        } else {
            assertThat(warning).hasValueSatisfying(w -> assertThat(w).contains("can alter or delete audit log entries")
                    .contains("SPRING_FLYWAY_USER"));
        }
    }
}
