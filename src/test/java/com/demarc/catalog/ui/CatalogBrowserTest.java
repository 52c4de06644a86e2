package com.demarc.catalog.ui;

import com.demarc.support.BrowserTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import static org.assertj.core.api.Assertions.assertThat;

/** A manager filters the catalog to shared controls in Chromium and opens one, seeing both halves. */
class CatalogBrowserTest extends BrowserTest {
    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    @Test
    void filterToSharedControlsAndOpenOneToSeeBothHalves() {
        loginAndWait("manager", "demarc-demo-2026");
        driver.get(url("catalog"));
        waitFor("#catalog-grid");
        waitUp().until(d -> !cells().isEmpty());

        waitFor("#filter-owner").click();
        waitUp().until(ExpectedConditions.elementToBeClickable(
                By.xpath("//vaadin-select-item[normalize-space(.)='Shared']"))).click();
        // the grid now lists only controls whose owner is SHARED in the database
        var shared = jdbc.sql("select code from control where default_owner = 'SHARED'").query(String.class).set();
        waitUp().until(d -> {
            var codes = cells().stream().map(WebElement::getText).toList();
            return !codes.isEmpty() && shared.containsAll(codes);
        });

        var firstCode = cells().get(0);
        String code = firstCode.getText();
        firstCode.click();
        var title = waitFor("#control-title");
        assertThat(title.getText()).startsWith(code);
        var customer = waitFor("#customer-part");
        var aws = waitFor("#aws-part");
        assertThat(customer.getText()).startsWith("Customer's part").hasSizeGreaterThan("Customer's part".length() + 20);
        assertThat(aws.getText()).startsWith("AWS's part").hasSizeGreaterThan("AWS's part".length() + 20);
        assertThat(waitFor("#category-owners").getText()).contains("Infrastructure", "Container", "Abstracted");
    }

    private java.util.List<WebElement> cells() {
        // first column of each rendered row: the control code
        return driver.findElements(By.cssSelector("#catalog-grid vaadin-grid-cell-content")).stream()
                .filter(e -> e.getText().matches("(SRM|ORG)-[A-Z0-9-]+")).toList();
    }

}
