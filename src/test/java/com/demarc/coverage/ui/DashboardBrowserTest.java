package com.demarc.coverage.ui;

import com.demarc.support.BrowserTest;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The management dashboard on the demo data in Chromium: its numbers equal a SQL count over the same rows (the coverage
 * rule applied directly, not the rollups), the charts render (SVG) beside tables with the same numbers, and the XLSX
 * export opens in Apache POI with those numbers.
 */
class DashboardBrowserTest extends BrowserTest {
    @Autowired
    JdbcClient jdbc;

    @Test
    void managerSeesNumbersThatMatchTheDatabaseWithChartsTablesAndExports() throws Exception {
        loginAndWait("manager", "demarc-demo-2026");
        driver.get(url("dashboard"));
        var text = waitFor("#overall-text").getText();

        int applicable = count("select count(*) from coverage_state_v where state <> 'NOT_APPLICABLE'");
        int covered = count("select count(*) from coverage_state_v where state = 'COVERED'");
        assertThat(covered).isPositive();
        assertThat(text).startsWith(covered + " of " + applicable + " applicable project controls are covered");
        assertThat(waitFor("#overall-percent").getText()).isEqualTo(Math.round(100.0 * covered / applicable) + " % covered");

        for (String owner : List.of("CUSTOMER", "SHARED", "AWS")) {
            int ownerApplicable = count("select count(*) from coverage_state_v where state <> 'NOT_APPLICABLE' and owner = '" + owner + "'");
            int ownerCovered = count("select count(*) from coverage_state_v where state = 'COVERED' and owner = '" + owner + "'");
            assertThat(waitFor("#owner-" + owner.toLowerCase()).getText()).contains(ownerCovered + " of " + ownerApplicable + " covered");
        }

        // each chart rendered as SVG, and its table holds the same numbers as the database
        waitUp().until(d -> d.findElements(By.cssSelector("#by-owner-chart svg")).size() == 1);
        assertThat(driver.findElements(By.cssSelector("#by-summary-chart svg"))).hasSize(1);
        assertThat(driver.findElements(By.cssSelector("#heatmap-chart svg"))).hasSize(1);
        var ownerTable = cells("#by-owner-table");
        int customerCovered = count("select count(*) from coverage_state_v where state = 'COVERED' and owner = 'CUSTOMER'");
        int customerUnowned = count("select count(*) from coverage_state_v where state = 'UNOWNED' and owner = 'CUSTOMER'");
        int i = ownerTable.indexOf("Customer");
        assertThat(ownerTable.get(i + 2)).isEqualTo(String.valueOf(customerCovered));
        assertThat(ownerTable.get(i + 4)).isEqualTo(String.valueOf(customerUnowned));
        assertThat(cells("#by-summary-table")).hasSizeGreaterThanOrEqualTo(13 * 10);

        // XLSX export of the same table
        String href = waitFor("#by-owner-xlsx").getDomAttribute("href");
        String cookies = driver.manage().getCookies().stream().map(c -> c.getName() + "=" + c.getValue())
                .collect(Collectors.joining("; "));
        var response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url(href)))
                .header("Cookie", cookies).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        try (var book = new XSSFWorkbook(new ByteArrayInputStream(response.body()))) {
            var sheet = book.getSheetAt(0);
            assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("Customer / shared / AWS");
            var customer = sheet.getRow(1);
            assertThat(customer.getCell(0).getStringCellValue()).isEqualTo("Customer");
            assertThat((int) customer.getCell(2).getNumericCellValue()).isEqualTo(customerCovered);
            assertThat((int) customer.getCell(4).getNumericCellValue()).isEqualTo(customerUnowned);
        }

        // drill down: clicking the Customer card lists the controls behind the number
        click(waitFor("#owner-customer"));
        int notCovered = count("select count(*) from coverage_state_v where owner = 'CUSTOMER' and state not in ('COVERED', 'NOT_APPLICABLE')");
        waitUp().until(d -> d.findElement(By.cssSelector("#drill p")).getText().startsWith(notCovered + " control(s)"));
        // and so does a row of a breakdown table (here: the shared column)
        // (Selenium's isDisplayed heuristic calls these cells hidden although they have a size and are visible: click by script)
        var sharedRow = waitUp().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#by-owner-table tr[data-key=SHARED] td")));
        ((org.openqa.selenium.JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'}); arguments[0].click()", sharedRow);
        int sharedNotCovered = count("select count(*) from coverage_state_v where owner = 'SHARED' and state not in ('COVERED', 'NOT_APPLICABLE')");
        waitUp().until(d -> d.findElement(By.cssSelector("#drill h3")).getText().contains("Shared")
                && d.findElement(By.cssSelector("#drill p")).getText().startsWith(sharedNotCovered + " control(s)"));
    }

    @Test
    void aliceSeesOnlyPayments() {
        loginAndWait("alice", "demarc-demo-2026");
        driver.get(url("dashboard"));
        int applicable = count("""
                select count(*) from coverage_state_v v join team t on t.id = v.team_id
                 where v.state <> 'NOT_APPLICABLE' and t.name = 'Payments'""");
        assertThat(waitFor("#overall-text").getText()).contains(" of " + applicable + " applicable");
        assertThat(cells("#by-team-table")).contains("Payments").doesNotContain("Data Platform");
    }

    private List<String> cells(String grid) {
        waitFor(grid);
        // breakdowns of a few rows are HTML tables, long ones grids
        return driver.findElements(By.cssSelector(grid + " vaadin-grid-cell-content, " + grid + " th, " + grid + " td")).stream()
                .map(WebElement::getText).map(String::strip).toList();
    }

    private int count(String sql) {
        return jdbc.sql(sql).query(Integer.class).single();
    }
}
