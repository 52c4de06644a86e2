package com.demarc.organization.internal;

import com.demarc.organization.PasswordPolicy;
import com.demarc.shared.startup.StartupRefusedException;
import com.demarc.shared.startup.StartupRefusedFailureAnalyzer;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;

import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 19: a first start with an unusable DEMARC_ADMIN_PASSWORD used to run on, report healthy and have no
 * administrator. It now stops the start with the reason (Spring Boot turns the exception into exit code 1 and the
 * failure analyzer into a report without a stack trace). The repository stands in for an empty database.
 */
class BootstrapAdminTest {

    @Test
    void aPasswordThePolicyRefusesStopsTheFirstStartWithTheReason() {
        var inserted = new AtomicBoolean();
        var admin = new BootstrapAdmin(emptyDatabase(inserted), PasswordEncoderFactories.createDelegatingPasswordEncoder(),
                new PasswordPolicy(), "admin-admin");

        assertThatThrownBy(() -> admin.run(null))
                .isInstanceOf(StartupRefusedException.class)
                .hasMessageContaining("DEMARC_ADMIN_PASSWORD")
                .hasMessageContaining("Demarc did not start");
        assertThat(inserted).isFalse();

        var refused = (StartupRefusedException) org.assertj.core.api.Assertions.catchThrowable(() -> admin.run(null));
        var analysis = new StartupRefusedFailureAnalyzer().analyze(new IllegalStateException(refused));
        assertThat(analysis.getDescription()).contains("DEMARC_ADMIN_PASSWORD");
        assertThat(analysis.getAction()).contains("start Demarc again");
    }

    @Test
    void aGoodPasswordCreatesTheAdministrator() {
        var inserted = new AtomicBoolean();
        new BootstrapAdmin(emptyDatabase(inserted), PasswordEncoderFactories.createDelegatingPasswordEncoder(),
                new PasswordPolicy(), "violet-harbour-lantern-9417").run(null);
        assertThat(inserted).isTrue();
    }

    private static UserRepository emptyDatabase(AtomicBoolean inserted) {
        return new UserRepository(null) {
            @Override
            public boolean any() {
                return false;
            }

            @Override
            public com.demarc.organization.UserId insert(String username, String displayName, String email,
                                                         String passwordHash, boolean enabled,
                                                         java.util.Set<com.demarc.shared.Role> roles, String by) {
                inserted.set(true);
                return new com.demarc.organization.UserId(1L);
            }
        };
    }
}
