package com.demarc.audit;

import com.demarc.organization.OrganizationService;
import com.demarc.organization.UserDraft;
import com.demarc.shared.Role;
import com.demarc.support.DemarcTest;
import com.demarc.support.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.test.context.support.WithUserDetails;

import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The audit log records changes in their own transaction and its hash chain names the first entry that was edited,
 * deleted, inserted or swapped directly in SQL by the table owner (only the owner can switch the triggers off for the
 * attack; every tampering happens in the owner's transaction, which is rolled back, so the real log stays intact).
 */
@DemarcTest
@WithUserDetails("admin")
class AuditLogTest {
    @Autowired
    AuditLog audit;
    @Autowired
    OrganizationService organization;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    AuditSigner signer;
    @Value("${demarc.audit.checkpoint-every}")
    long checkpointEvery;

    long first;

    @BeforeEach
    void atLeastFiveEntries() {
        for (int i = 0; i < 5; i++) {
            organization.createUser(new UserDraft("audit-" + UUID.randomUUID().toString().substring(0, 8), "Audit test",
                    "a@example.com", true, Set.of(Role.MEMBER), Set.of()), "river stone lantern 42");
        }
        first = jdbc.sql("select max(seq) - 4 from audit_log").query(Long.class).single();
    }

    @Test
    void aChangeAndItsEntryCommitTogether() {
        String name = "audited-" + UUID.randomUUID().toString().substring(0, 8);
        organization.createUser(new UserDraft(name, "Audited", "x@example.com", true, Set.of(Role.AUDITOR), Set.of()),
                "river stone lantern 42");
        var entries = audit.find(new AuditFilter(null, "USER_CREATED", name, null, null), 0, 10);
        assertThat(entries).singleElement().satisfies(e -> {
            assertThat(e.actor()).isEqualTo("admin");
            assertThat(e.after()).contains("roles=[AUDITOR]");
            assertThat(e.hash()).hasSize(64);
        });
        assertThat(audit.verify().intact()).as(audit.verify().describe()).isTrue();
    }

    @Test
    void aRefusedChangeLeavesNoEntry() {
        int before = audit.count(AuditFilter.none());
        assertThatThrownBy(() -> organization.createUser(new UserDraft("alice", "Dup", "d@example.com", true,
                Set.of(Role.MEMBER), Set.of()), "river stone lantern 42")).hasMessageContaining("taken");
        assertThat(audit.count(AuditFilter.none())).isEqualTo(before);
    }

    @Test
    void theTableRefusesUpdateAndDelete() throws Exception {
        // the app's own login: no privilege (two roles) or the trigger (single role) refuses
        assertThatThrownBy(() -> jdbc.sql("update audit_log set actor = 'mallory' where seq = :s").param("s", first).update())
                .rootCause().message().containsAnyOf("append-only", "permission denied");
        assertThatThrownBy(() -> jdbc.sql("delete from audit_log where seq = :s").param("s", first).update())
                .rootCause().message().containsAnyOf("append-only", "permission denied");
        // even the owner is stopped by the triggers while they are on
        try (var owner = TestDatabase.ownerConnection(); var st = owner.createStatement()) {
            assertThatThrownBy(() -> st.executeUpdate("update audit_log set actor = 'mallory' where seq = " + first))
                    .hasMessageContaining("append-only");
            assertThatThrownBy(() -> st.executeUpdate("delete from audit_log where seq = " + first))
                    .hasMessageContaining("append-only");
        }
    }

    @Test
    void anEditedEntryIsNamed() throws Exception {
        long target = first + 2;
        tampered(sql -> sql.sql("update audit_log set summary = 'nothing happened' where seq = :s").param("s", target).update(),
                target, "content was changed");
    }

    @Test
    void aDeletedEntryIsNamed() throws Exception {
        long target = first + 1;
        tampered(sql -> sql.sql("delete from audit_log where seq = :s").param("s", target).update(), target, "missing");
    }

    @Test
    void anInsertedEntryIsNamed() throws Exception {
        long target = first + 2;
        tampered(sql -> {
            // make room at target by shifting the later entries up, then slip a forged entry in
            sql.sql("update audit_log set seq = seq + 1000000 where seq >= :s").param("s", target).update();
            sql.sql("update audit_log set seq = seq - 1000000 + 1 where seq >= :s").param("s", target + 1000000).update();
            sql.sql("""
                    insert into audit_log (seq, at, actor, action, entity_type, summary, prev_hash, hash)
                    select :s, now(), 'mallory', 'USER_CREATED', 'user', 'forged', hash, repeat('a', 64)
                      from audit_log where seq = :p""").param("s", target).param("p", target - 1).update();
        }, target, "content was changed");
    }

    @Test
    void swappedEntriesAreNamed() throws Exception {
        long a = first + 1;
        long b = first + 2;
        tampered(sql -> {
            sql.sql("update audit_log set seq = -1 where seq = :a").param("a", a).update();
            sql.sql("update audit_log set seq = :a where seq = :b").param("a", a).param("b", b).update();
            sql.sql("update audit_log set seq = :b where seq = -1").param("b", b).update();
        }, a, "does not follow");
    }

    private void tampered(Consumer<JdbcClient> attack, long expectedBroken, String expectedProblem) throws Exception {
        assertThat(audit.verify().intact()).as(audit.verify().describe()).isTrue();
        try (var attacker = Tampering.begin()) {
            attack.accept(attacker.sql());
            var report = attacker.verify(signer, checkpointEvery);
            assertThat(report.intact()).isFalse();
            assertThat(report.firstBrokenSeq()).isEqualTo(expectedBroken);
            assertThat(report.problem()).contains(expectedProblem);
        }
        assertThat(audit.verify().intact()).isTrue();
    }
}
