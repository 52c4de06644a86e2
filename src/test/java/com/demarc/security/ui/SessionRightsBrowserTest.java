package com.demarc.security.ui;

import com.demarc.organization.OrganizationService;
import com.demarc.organization.UserAccount;
import com.demarc.organization.UserDraft;
import com.demarc.shared.Actors;
import com.demarc.shared.Role;
import com.demarc.support.BrowserTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rights follow changes in an open Vaadin page: a manager is demoted while their page is open; their next click
 * (a Vaadin UIDL request, no page load) already carries the new rights.
 */
class SessionRightsBrowserTest extends BrowserTest {
    static final String PASSWORD = "river stone lantern 42";

    @Autowired
    OrganizationService organization;

    @Test
    void aManagerDemotedWhileTheirPageIsOpenIsRefusedOnTheNextClick() {
        String name = "demoted-" + UUID.randomUUID().toString().substring(0, 8);
        var ref = new AtomicReference<UserAccount>();
        Actors.runAsSystem(Set.of(Role.ADMIN), () -> ref.set(organization.createUser(new UserDraft(name, "Dee Moted",
                name + "@example.com", true, Set.of(Role.MANAGER), Set.of()), PASSWORD)));
        loginAndWait(name, PASSWORD);
        assertThat(menuTitles()).contains("Evidence review");

        var user = ref.get();
        Actors.runAsSystem(Set.of(Role.ADMIN), () -> organization.updateUser(user.id(), user.version(),
                new UserDraft(name, user.displayName(), user.email(), true, Set.of(Role.MEMBER), Set.of())));

        // the menu was drawn for a manager; the click goes to the server, which now sees a member
        click(waitUp().until(ExpectedConditions.elementToBeClickable(
                By.xpath("//vaadin-side-nav-item[normalize-space(.)='Evidence review']"))));
        assertThat(waitFor("#access-denied h2").getText()).isEqualTo("Access denied");
    }
}
