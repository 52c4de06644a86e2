package com.demarc.security;

import com.demarc.organization.OrganizationService;
import com.demarc.organization.UserDraft;
import com.demarc.organization.UserDirectory;
import com.demarc.shared.DemarcUser;
import com.demarc.shared.Role;
import com.demarc.support.DemarcTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.security.test.context.support.WithUserDetails;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

@DemarcTest
class SessionControlTest {
    @Autowired
    OrganizationService organization;
    @Autowired
    UserDirectory directory;
    @Autowired
    SessionRegistry registry;
    @Autowired
    SessionControl sessions;

    @Test
    @WithUserDetails("admin")
    void disablingAUserEndsTheirLiveSessionsAtOnce() {
        var user = organization.createUser(new UserDraft("frank-sessions", "Frank", "frank@example.com", true,
                Set.of(Role.MEMBER), Set.of()), "river stone lantern 42");
        var principal = new DemarcUser(user.id().value(), user.username(), user.displayName(), user.roles(), true, null);
        registry.registerNewSession("session-1", principal);
        registry.registerNewSession("session-2", principal);
        assertThat(sessions.liveSessions(user.id().value())).isEqualTo(2);

        organization.updateUser(user.id(), user.version(), new UserDraft(user.username(), user.displayName(),
                user.email(), false, user.roles(), Set.of()));

        assertThat(registry.getSessionInformation("session-1").isExpired()).isTrue();
        assertThat(registry.getSessionInformation("session-2").isExpired()).isTrue();
        assertThat(sessions.liveSessions(user.id().value())).isZero();
        assertThat(directory.findForLogin("frank-sessions").orElseThrow().enabled()).isFalse();
    }
}
