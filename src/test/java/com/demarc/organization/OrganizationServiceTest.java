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

    @Test
    @WithUserDetails("admin")
    void anAdminCannotGrantRolesToThemselvesButAnotherAdminCan() {
        var me = organization.myAccount();
        assertThatThrownBy(() -> organization.updateUser(me.id(), me.version(), new UserDraft("admin", me.displayName(),
                me.email(), true, Set.of(Role.ADMIN, Role.MANAGER), Set.of())))
                .isInstanceOf(UserFacingException.class).hasMessageContaining("cannot grant roles to yourself")
                .hasMessageContaining("ask another administrator");
        assertThatThrownBy(() -> organization.updateUser(me.id(), me.version(), new UserDraft("admin", me.displayName(),
                me.email(), true, Set.of(Role.MANAGER), Set.of())))
                .isInstanceOf(UserFacingException.class).hasMessageContaining("own administrator role");
        assertThat(organization.myAccount().roles()).containsExactly(Role.ADMIN);
        // another administrator may
        var other = organization.createUser(draft(unique("ops"), Role.ADMIN), "river stone lantern 42");
        com.demarc.shared.Actors.runAs(new com.demarc.shared.DemarcUser(me.id().value(), "admin", "Ada Admin",
                Set.of(Role.ADMIN), true, null), () -> organization.updateUser(other.id(), other.version(),
                new UserDraft(other.username(), other.displayName(), other.email(), true, Set.of(Role.ADMIN, Role.MANAGER), Set.of())));
        assertThat(organization.findUsers(other.username(), 0, 1).getFirst().roles()).contains(Role.MANAGER);
    }

    @Test
    @WithUserDetails("admin")
    void anAdminCannotGiveThemselvesTeamMembershipsAnyWay() {
        var me = organization.myAccount();
        var payments = organization.teamDirectory().stream().filter(t -> t.name().equals("Payments")).findFirst()
                .orElseThrow();
        assertThatThrownBy(() -> organization.updateUser(me.id(), me.version(), new UserDraft("admin", me.displayName(),
                me.email(), true, Set.copyOf(me.roles()), Set.of(payments.id()))))
                .isInstanceOf(UserFacingException.class).hasMessageContaining("own team memberships");
        var team = payments;
        var members = new java.util.HashSet<>(team.members().stream().map(UserRef::id).toList());
        members.add(me.id());
        assertThatThrownBy(() -> organization.updateTeam(team.id(), team.version(), team.name(), team.description(), members))
                .isInstanceOf(UserFacingException.class).hasMessageContaining("add yourself to a team");
        assertThatThrownBy(() -> organization.createTeam(unique("Self"), "", Set.of(me.id())))
                .isInstanceOf(UserFacingException.class).hasMessageContaining("make yourself a member");
        assertThat(organization.myAccount().teamIds()).isEmpty();
    }

    @Test
    @WithUserDetails("admin")
    void aPasswordBuiltFromThePersonsOwnNameIsTooEasyAndTheMessageSaysWhatToDo() {
        var name = unique("qb");
        var person = new UserDraft(name, "Quintavius Brolloch", name + "@example.com", true, Set.of(Role.MEMBER), Set.of());
        assertThatThrownBy(() -> organization.createUser(person, "quintaviusbrolloch"))
                .isInstanceOfSatisfying(UserFacingException.class, e -> assertThat(e.problems())
                        .anyMatch(p -> p.contains("too easy to guess") && p.contains("Add another word or two")));
        assertThatThrownBy(() -> organization.createUser(draft(unique("pw"), Role.MEMBER), "password1234"))
                .isInstanceOfSatisfying(UserFacingException.class, e -> assertThat(e.problems())
                        .anyMatch(p -> p.contains("very common password")));
        assertThat(directory.findForLogin(name)).isEmpty();
        // the same password is fine for someone else: the name is what makes it guessable
        assertThat(new PasswordPolicy().problems("quintaviusbrolloch", "erin", "Erin Example", "erin@example.com")).isEmpty();
    }

    @Test
    void theDemoPasswordsStillPassThePolicy() {
        var policy = new PasswordPolicy();
        for (String[] u : new String[][]{{"admin", "Ada Admin"}, {"manager", "Morgan Manager"}, {"alice", "Alice Anders"},
                {"bob", "Bob Brenner"}, {"auditor", "Audrey Auditor"}}) {
            assertThat(policy.problems("demarc-demo-2026", u[0], u[1], u[0] + "@demarc.example")).as(u[0]).isEmpty();
        }
        assertThat(policy.problems("demarc-scale-2026", "scale.manager", "Scale Manager", "scale.manager@example.com")).isEmpty();
    }

    @Test
    void guessingTheCurrentPasswordInChangeMyPasswordIsThrottledLikeSignIn() {
        var name = unique("guess");
        var ref = new java.util.concurrent.atomic.AtomicReference<UserAccount>();
        com.demarc.shared.Actors.runAsSystem(Set.of(Role.ADMIN), () -> ref.set(organization.createUser(
                draft(name, Role.MEMBER), "river stone lantern 42")));
        var me = new com.demarc.shared.DemarcUser(ref.get().id().value(), name, "Test " + name, Set.of(Role.MEMBER), true, null);
        com.demarc.shared.Actors.runAs(me, () -> {
            for (int i = 0; i < 10; i++) {
                int n = i;
                assertThatThrownBy(() -> organization.changeOwnPassword("guess " + n, "amber kettle orchard 77"))
                        .isInstanceOf(UserFacingException.class).hasMessageContaining("current password is wrong");
            }
            assertThatThrownBy(() -> organization.changeOwnPassword("river stone lantern 42", "amber kettle orchard 77"))
                    .isInstanceOf(UserFacingException.class).hasMessageContaining("Too many wrong passwords");
        });
        assertThat(jdbc.sql("select count(*) from login_failure where username = :u").param("u", name)
                .query(Integer.class).single()).isEqualTo(10);
    }
}
