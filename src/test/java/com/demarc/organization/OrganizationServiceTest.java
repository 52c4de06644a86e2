package com.demarc.organization;

import com.demarc.shared.ConcurrentEditException;
import com.demarc.shared.Role;
import com.demarc.shared.UserFacingException;
import com.demarc.support.DemarcTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.test.context.support.WithUserDetails;

import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DemarcTest
class OrganizationServiceTest {
    @Autowired
    OrganizationService organization;
    @Autowired
    UserDirectory directory;
    @Autowired
    JdbcClient jdbc;

    static String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().substring(0, 8);
    }

    static UserDraft draft(String username, Role role) {
        return new UserDraft(username, "Test " + username, username + "@example.com", true, Set.of(role), Set.of());
    }

    @Test
    @WithUserDetails("admin")
    void adminCreatesAUserWhoseHashIsArgon2idAtOwaspParameters() {
        var name = unique("carol");
        var created = organization.createUser(draft(name, Role.MEMBER), "river stone lantern 42");
        assertThat(created.username()).isEqualTo(name);
        assertThat(created.roles()).containsExactly(Role.MEMBER);
        var hash = directory.findForLogin(name).orElseThrow().passwordHash();
        assertThat(hash).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
    }

    @Test
    @WithUserDetails("admin")
    void duplicateUsernameIsRefusedWithAClearMessage() {
        assertThatThrownBy(() -> organization.createUser(draft("alice", Role.MEMBER), "river stone lantern 42"))
                .isInstanceOf(UserFacingException.class).hasMessageContaining("taken");
    }

    @Test
    @WithUserDetails("admin")
    void weakPasswordsAndBadFieldsAreRefusedAndNothingIsStored() {
        var name = unique("dave");
        assertThatThrownBy(() -> organization.createUser(draft(name, Role.MEMBER), "short"))
                .isInstanceOfSatisfying(UserFacingException.class,
                        e -> assertThat(e.problems()).anyMatch(p -> p.contains("at least 12")));
        assertThatThrownBy(() -> organization.createUser(draft(name, Role.MEMBER), "passwordpassword"))
                .isInstanceOfSatisfying(UserFacingException.class,
                        e -> assertThat(e.problems()).anyMatch(p -> p.contains("commonly used")));
        assertThatThrownBy(() -> organization.createUser(
                new UserDraft("Bad Name!", "", "not-an-email", true, Set.of(), Set.of()), "river stone lantern 42"))
                .isInstanceOfSatisfying(UserFacingException.class, e -> assertThat(e.problems()).hasSize(4));
        assertThat(directory.findForLogin(name)).isEmpty();
    }

    @Test
    @WithUserDetails("admin")
    void aStaleEditIsRefusedAndNamesWhoChangedIt() {
        var user = organization.createUser(draft(unique("erin"), Role.MEMBER), "river stone lantern 42");
        var first = organization.updateUser(user.id(), user.version(),
                new UserDraft(user.username(), "Erin One", user.email(), true, Set.of(Role.MEMBER), Set.of()));
        assertThat(first.displayName()).isEqualTo("Erin One");
        assertThatThrownBy(() -> organization.updateUser(user.id(), user.version(),
                new UserDraft(user.username(), "Erin Two", user.email(), true, Set.of(Role.MEMBER), Set.of())))
                .isInstanceOf(ConcurrentEditException.class).hasMessageContaining("admin");
    }

    @Test
    @WithUserDetails("admin")
    void teamsGetMembers() {
        var alice = directory.findForLogin("alice").orElseThrow().id();
        var team = organization.createTeam(unique("Team "), "test team", Set.of(alice));
        assertThat(team.members()).extracting(UserRef::username).containsExactly("alice");
        assertThat(directory.teamsOf(alice)).contains(team.id());
        assertThatThrownBy(() -> organization.createTeam("payments", "", Set.of()))
                .isInstanceOf(UserFacingException.class).hasMessageContaining("exists already");
    }

    @Test
    @WithUserDetails("admin")
    void adminCannotLockThemselvesOut() {
        var me = organization.myAccount();
        assertThatThrownBy(() -> organization.updateUser(me.id(), me.version(),
                new UserDraft("admin", me.displayName(), me.email(), false, me.roles(), Set.of())))
                .isInstanceOf(UserFacingException.class).hasMessageContaining("your own account");
    }

    @Test
    @WithUserDetails("alice")
    void membersCannotManageUsersOrTeams() {
        assertThatThrownBy(() -> organization.findUsers("", 0, 10)).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> organization.createUser(draft(unique("x"), Role.ADMIN), "river stone lantern 42"))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> organization.createTeam("Sneaky", "", Set.of())).isInstanceOf(AccessDeniedException.class);
    }

    @Test
    @WithUserDetails("manager")
    void managersReadTeamsButDoNotManageUsers() {
        assertThat(organization.findTeams()).extracting(Team::name).contains("Payments", "Data Platform");
        assertThatThrownBy(() -> organization.countUsers("")).isInstanceOf(AccessDeniedException.class);
    }

    @Test
    @WithUserDetails("auditor")
    void auditorsChangeNothing() {
        assertThatThrownBy(() -> organization.createTeam("Audit team", "", Set.of())).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> organization.resetPassword(new UserId(1), "river stone lantern 42"))
                .isInstanceOf(AccessDeniedException.class);
    }

    @Test
    @WithUserDetails("bob")
    void usersChangeTheirOwnPasswordOnlyWithTheCurrentOne() {
        assertThatThrownBy(() -> organization.changeOwnPassword("wrong", "river stone lantern 42"))
                .isInstanceOf(UserFacingException.class).hasMessageContaining("current password is wrong");
    }

    @Test
    void demoDataIsLoadedOnceNoMatterHowOftenItRuns() {
        int users = jdbc.sql("select count(*) from app_user where username in ('admin','manager','alice','bob','auditor')")
                .query(Integer.class).single();
        int teams = jdbc.sql("select count(*) from team where name in ('Payments','Data Platform')").query(Integer.class).single();
        assertThat(users).isEqualTo(5);
        assertThat(teams).isEqualTo(2);
    }
}
