package com.demarc.organization;

import com.demarc.shared.Actors;
import com.demarc.shared.DemarcUser;
import com.demarc.support.DemarcTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.userdetails.UserDetailsService;

import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Dark mode is stored per person: each user reads and sets only their own choice, which outlives the session. */
@DemarcTest
class AppearanceTest {
    @Autowired
    Appearance appearance;
    @Autowired
    UserDetailsService users;
    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void cleanUp() {
        jdbc.sql("delete from user_preference where user_id in (select id from app_user where username in ('alice', 'bob'))").update();
    }

    @Test
    void aUsersChoiceIsStoredForThemAloneAndCanBeTakenBack() {
        var alice = (DemarcUser) users.loadUserByUsername("alice");
        var bob = (DemarcUser) users.loadUserByUsername("bob");
        Actors.runAs(alice, () -> assertThat(appearance.darkMode()).as("light until chosen").isFalse());

        Actors.runAs(alice, () -> appearance.setDarkMode(true));
        var seen = new AtomicBoolean();
        // a new session (a new sign-in) reads it from the database
        Actors.runAs((DemarcUser) users.loadUserByUsername("alice"), () -> seen.set(appearance.darkMode()));
        assertThat(seen).isTrue();
        Actors.runAs(bob, () -> assertThat(appearance.darkMode()).as("bob's own, untouched").isFalse());
        assertThat(jdbc.sql("select count(*) from user_preference where user_id = :u").param("u", bob.id())
                .query(Integer.class).single()).isZero();

        Actors.runAs(alice, () -> appearance.setDarkMode(true)); // twice: still one row
        Actors.runAs(alice, () -> appearance.setDarkMode(false));
        Actors.runAs(alice, () -> assertThat(appearance.darkMode()).isFalse());
        assertThat(jdbc.sql("select version from user_preference where user_id = :u").param("u", alice.id())
                .query(Long.class).single()).as("one row, changed twice after its insert").isEqualTo(2L);
    }

    @Test
    void nobodySignedInIsRefused() {
        assertThatThrownBy(() -> appearance.darkMode())
                .isInstanceOfAny(AccessDeniedException.class, AuthenticationException.class);
        assertThatThrownBy(() -> appearance.setDarkMode(true))
                .isInstanceOfAny(AccessDeniedException.class, AuthenticationException.class);
    }
}
