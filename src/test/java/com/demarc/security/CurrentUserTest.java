package com.demarc.security;

import com.demarc.organization.OrganizationService;
import com.demarc.organization.UserDraft;
import com.demarc.shared.Actors;
import com.demarc.shared.DemarcUser;
import com.demarc.shared.Role;
import com.demarc.support.DemarcTest;
import com.demarc.support.Fixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** A user's teams are read once per request and afresh on the next one; outside a request, on every call. */
@DemarcTest
class CurrentUserTest {
    @Autowired
    CurrentUser currentUser;
    @Autowired
    OrganizationService organization;
    @Autowired
    Fixtures fixtures;

    @AfterEach
    void noRequest() {
        RequestContextHolder.resetRequestAttributes();
    }

    @Test
    void aMembershipChangeCountsFromTheNextRequestOn() {
        var payments = fixtures.team("Payments");
        var data = fixtures.team("Data Platform");
        String name = "cu-" + UUID.randomUUID().toString().substring(0, 8);
        var box = new java.util.concurrent.atomic.AtomicReference<com.demarc.organization.UserAccount>();
        Actors.runAsSystem(Set.of(Role.ADMIN), () -> box.set(organization.createUser(new UserDraft(name, name,
                name + "@example.com", true, Set.of(Role.MEMBER), Set.of(payments)), "river stone lantern 42")));
        var versions = new java.util.concurrent.atomic.AtomicLong(box.get().version());
        var account = box.get();
        var user = new DemarcUser(account.id().value(), name, name, Set.of(Role.MEMBER), true, null);
        Runnable move = () -> Actors.runAsSystem(Set.of(Role.ADMIN), () -> versions.set(organization.updateUser(account.id(),
                versions.get(), new UserDraft(name, name, name + "@example.com", true, Set.of(Role.MEMBER), Set.of(data))).version()));

        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(new MockHttpServletRequest()));
        Actors.runAs(user, () -> assertThat(currentUser.teams()).containsExactly(payments));
        move.run();
        Actors.runAs(user, () -> assertThat(currentUser.memberTeams()).as("same request").containsExactly(payments));
        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(new MockHttpServletRequest()));
        Actors.runAs(user, () -> assertThat(currentUser.teams()).as("next request").containsExactly(data));

        RequestContextHolder.resetRequestAttributes();
        Actors.runAsSystem(Set.of(Role.ADMIN), () -> organization.updateUser(account.id(), versions.get(),
                new UserDraft(name, name, name + "@example.com", true, Set.of(Role.MEMBER), Set.of(payments, data))));
        Actors.runAs(user, () -> assertThat(currentUser.teams()).as("no request: every call").containsExactlyInAnyOrder(payments, data));
    }
}
