package com.demarc.organization;

import com.demarc.shared.Actors;
import com.demarc.shared.Role;
import com.demarc.support.TestDatabaseConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.Scenario;
import org.springframework.test.context.ActiveProfiles;

import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The organization module: a change of a user's rights is announced, so sessions follow it at once. With
 * {@code security} added: it provides the {@code PasswordEncoder} (a Spring type, so no module dependency shows it).
 */
@org.junit.jupiter.api.Tag(com.demarc.support.ModuleTest.TAG)
@ApplicationModuleTest(mode = ApplicationModuleTest.BootstrapMode.ALL_DEPENDENCIES, extraIncludes = "security")
@ActiveProfiles({"test", "demo"})
@Import(TestDatabaseConfiguration.class)
class OrganizationModuleTest {
    @Autowired
    OrganizationService organization;

    @Test
    void aRoleChangePublishesSecurityVersionChanged(Scenario scenario) {
        var name = "mod" + UUID.randomUUID().toString().substring(0, 8);
        var created = new AtomicReference<UserAccount>();
        Actors.runAsSystem(Set.of(Role.ADMIN), () -> created.set(organization.createUser(
                new UserDraft(name, "Module " + name, name + "@example.com", true, Set.of(Role.MEMBER), Set.of()),
                "river stone lantern 42")));
        var user = created.get();
        scenario.stimulate(() -> Actors.runAsSystem(Set.of(Role.ADMIN), () -> organization.updateUser(user.id(),
                        user.version(), new UserDraft(name, user.displayName(), user.email(), true, Set.of(Role.AUDITOR),
                                Set.of()))))
                .andWaitForEventOfType(SecurityVersionChanged.class)
                .matching(e -> e.userId().equals(user.id()))
                .toArrive();
    }
}
