package com.demarc.evidence.ui;

import com.demarc.evidence.EvidenceService;
import com.demarc.project.ProjectControl;
import com.demarc.shared.Actors;
import com.demarc.shared.DemarcUser;
import com.demarc.support.BrowserTest;
import com.demarc.support.Fixtures;
import com.demarc.support.TestFiles;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.userdetails.UserDetailsService;

import java.io.ByteArrayInputStream;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 19: the review queue kept superseded versions for ever (the control page has no buttons for them). It lists
 * the current version of each item only.
 */
class ReviewQueueBrowserTest extends BrowserTest {
    @Autowired
    Fixtures fixtures;
    @Autowired
    EvidenceService evidence;
    @Autowired
    UserDetailsService accounts;

    @Test
    void aSupersededVersionLeavesTheQueue() {
        ProjectControl row = fixtures.row(fixtures.project("Payments", "Queue", "EC2"), "SRM-IAM-02");
        String tag = UUID.randomUUID().toString().substring(0, 8);
        Actors.runAs((DemarcUser) accounts.loadUserByUsername("alice"), () -> {
            var item = evidence.upload(row.id(), null, "old-" + tag + ".pdf", new ByteArrayInputStream(TestFiles.pdf("v1")), null, null, null);
            evidence.upload(row.id(), item.id(), "new-" + tag + ".pdf", new ByteArrayInputStream(TestFiles.pdf("v2")), null, null, null);
        });
        loginAndWait("manager", "demarc-demo-2026");
        driver.get(url("review"));
        waitUp().until(d -> cellTexts().contains("new-" + tag + ".pdf"));
        assertThat(cellTexts()).doesNotContain("old-" + tag + ".pdf");
    }

    private java.util.List<String> cellTexts() {
        return driver.findElements(By.cssSelector("#review-grid vaadin-grid-cell-content")).stream()
                .map(WebElement::getText).map(String::strip).toList();
    }
}
