package com.demarc.shared.ui;

import com.deque.html.axecore.results.CheckedNode;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import com.demarc.support.BrowserTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 19, accessibility in Chromium: axe-core over every page each demo role may open (the side navigation, the user
 * menu's pages and the parameterised pages with demo ids) with no serious or critical violation (the others are
 * printed); the skip link and Enter on a list row with the keyboard; dark mode remembered per user.
 */
class AccessibilityBrowserTest extends BrowserTest {
    private static final Set<String> BLOCKING = Set.of("serious", "critical");

    /**
     * Violations inside Vaadin's own components that our code cannot change, each by rule and exact target only
     * (printed as excluded, with axe's summary). aria-required-children on vaadin-tabs: the tablist of Vaadin's
     * TabSheet, whose markup (the tablist, its shadow DOM, the vaadin-tab elements) is Vaadin's; Demarc only adds
     * text tabs with {@code TabSheet.add(String, Component)}.
     */
    private static final List<Exclusion> VAADIN_INTERNALS = List.of(
            new Exclusion("aria-required-children", "[vaadin-tabs]"));

    record Exclusion(String rule, String target) {
        boolean covers(Rule rule, CheckedNode node) {
            return rule.getId().equals(this.rule) && String.valueOf(node.getTarget()).equals(target);
        }
    }

    @Autowired
    JdbcClient jdbc;

    /**
     * Vaadin's dev-mode tooling (Copilot, the dev tools): not part of the product, absent from the production build.
     * axe's own exclude does not reach into its shadow root, so its nodes are left out here.
     */
    static boolean devTooling(CheckedNode node) {
        String target = String.valueOf(node.getTarget());
        return target.startsWith("[copilot-main") || target.startsWith("[[copilot-main") || target.startsWith("[vaadin-dev-tools")
                || target.startsWith("[[vaadin-dev-tools");
    }

    /**
     * Every view once (CI time: 109 page checks took minutes): a view another role already had checked is skipped
     * (routes compared with their ids masked); the manager, who sees the most editing controls, goes first.
     */
    private static final Set<String> CHECKED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    @ParameterizedTest
    @ValueSource(strings = {"manager", "admin", "auditor", "alice", "bob"})
    void everyPageARoleMayOpenHasNoSeriousOrCriticalViolation(String username) {
        var blocking = new ArrayList<String>();
        if (username.equals("manager")) { // the sign-in page, once
            driver.get(url("login"));
            waitFor("vaadin-login-form");
            check("anonymous", "login", blocking);
        }
        loginAndWait(username, "demarc-demo-2026");
        var routes = new LinkedHashSet<String>();
        driver.findElements(By.cssSelector("#main-nav > vaadin-side-nav-item"))
                .forEach(e -> routes.add(e.getDomAttribute("path").replaceAll("^/+", "")));
        routes.addAll(List.of("account/api-tokens", "notifications/settings"));
        routes.addAll(parameterisedRoutes(username));

        for (String route : routes) {
            if (!CHECKED.add(route.replaceAll("\\d+", "#"))) {
                continue;
            }
            open(route);
            check(username, route, blocking);
        }
        assertThat(blocking).as("serious or critical axe violations for " + username + " on " + routes).isEmpty();
    }

    /** axe on the page as it stands: prints every violation, adds the serious and critical ones to {@code blocking}. */
    private void check(String username, String route, List<String> blocking) {
        long start = System.nanoTime();
        var results = new AxeBuilder().withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"))
                .disableIframeTesting().analyze(driver);
        assertThat(results.isErrored()).as("axe ran on " + route + ": " + results.getErrorMessage()).isFalse();
        for (Rule rule : results.getViolations()) {
            var nodes = rule.getNodes().stream().filter(n -> !devTooling(n))
                    .filter(n -> VAADIN_INTERNALS.stream().noneMatch(x -> x.covers(rule, n))).toList();
            if (nodes.isEmpty() && rule.getNodes().stream().allMatch(AccessibilityBrowserTest::devTooling)) {
                continue;
            }
            String line = username + " /" + route + ": [" + rule.getImpact() + "] " + rule.getId() + " — " + rule.getHelp()
                    + " " + rule.getNodes().stream().map(n -> String.valueOf(n.getTarget())).limit(5).toList();
            System.out.println("axe " + line + (nodes.isEmpty() ? " (Vaadin internals, excluded: "
                    + String.valueOf(rule.getNodes().get(0).getFailureSummary()).replace("\n", " ") + ")" : ""));
            if (BLOCKING.contains(rule.getImpact()) && !nodes.isEmpty()) {
                blocking.add(line + " " + nodes.stream().limit(3).map(n -> n.getHtml() + " → " + n.getFailureSummary()).toList());
            }
        }
        System.out.printf("axe %s /%s checked in %d ms%n", username, route, (System.nanoTime() - start) / 1_000_000);
    }

    @Test
    void aKeyboardUserSkipsTheNavigationAndOpensAProjectWithEnter() {
        loginAndWait("manager", "demarc-demo-2026");
        open("projects");
        waitFor("#projects-grid");
        js("document.activeElement && document.activeElement.blur()");

        // the first Tab reaches the skip link, which shows itself
        new Actions(driver).sendKeys(Keys.TAB).perform();
        assertThat(js("return document.activeElement.id")).isEqualTo("skip-link");
        assertThat(driver.findElement(By.id("skip-link")).isDisplayed()).isTrue();
        assertThat(((Number) js("return document.getElementById('skip-link').getBoundingClientRect().top")).doubleValue())
                .as("the focused skip link is on screen").isGreaterThanOrEqualTo(0);

        // Enter jumps past the navigation: the focus is in the main landmark, and the next Tab stays in the page
        new Actions(driver).sendKeys(Keys.ENTER).perform();
        waitUp().until(d -> "main-content".equals(js("return document.activeElement.id")));
        new Actions(driver).sendKeys(Keys.TAB).perform();
        assertThat(js("return document.getElementById('main-content').contains(document.activeElement)"))
                .as("the Tab after the skip link lands in the page, not in the side navigation").isEqualTo(true);

        // into the projects grid by keyboard: focus its first body cell, Enter opens the project as a click does
        String name = waitFor("#projects-grid vaadin-grid-cell-content").getText().strip();
        js("""
                const grid = document.getElementById('projects-grid');
                grid.shadowRoot.querySelector('#items tr td').focus();""");
        new Actions(driver).sendKeys(Keys.ARROW_DOWN).sendKeys(Keys.ARROW_UP).perform();
        new Actions(driver).sendKeys(Keys.ENTER).perform();
        waitUp().until(ExpectedConditions.urlMatches(".*/projects/\\d+$"));
        waitUp().until(d -> d.findElement(By.tagName("body")).getText().contains(name));
    }

    @Test
    void darkModeIsRememberedPerUserAcrossReloadsAndSignIns() {
        long alice = jdbc.sql("select id from app_user where username = 'alice'").query(Long.class).single();
        try {
            loginAndWait("alice", "demarc-demo-2026");
            assertThat(theme()).as("light until chosen").doesNotContain("dark");

            waitFor("#user-menu vaadin-menu-bar-button").click();
            waitUp().until(ExpectedConditions.elementToBeClickable(By.id("dark-mode"))).click();
            waitUp().until(d -> theme().contains("dark"));
            assertThat(jdbc.sql("select dark_mode from user_preference where user_id = :u").param("u", alice)
                    .query(Boolean.class).single()).as("stored for alice").isTrue();

            driver.navigate().refresh();
            waitFor("vaadin-side-nav-item");
            assertThat(theme()).as("after a reload").contains("dark");

            signOut();
            loginAndWait("bob", "demarc-demo-2026");
            assertThat(theme()).as("bob never chose dark").doesNotContain("dark");
            signOut();

            loginAndWait("alice", "demarc-demo-2026");
            assertThat(theme()).as("alice signed in again").contains("dark");
            waitFor("#user-menu vaadin-menu-bar-button").click();
            waitUp().until(ExpectedConditions.elementToBeClickable(By.id("dark-mode"))).click();
            waitUp().until(d -> !theme().contains("dark"));
        } finally {
            jdbc.sql("delete from user_preference where user_id = :u").param("u", alice).update();
        }
    }

    private String theme() {
        Object theme = js("return document.documentElement.getAttribute('theme') || ''");
        return String.valueOf(theme);
    }

    private void signOut() {
        waitFor("#user-menu vaadin-menu-bar-button").click();
        waitUp().until(ExpectedConditions.elementToBeClickable(By.id("logout"))).click();
        waitUp().until(ExpectedConditions.urlContains("/login"));
    }

    /** Opens a route inside the running app as a link click does (the router, no page reload), then waits. */
    private void open(String route) {
        js("""
                const a = document.createElement('a');
                a.href = arguments[0];
                document.body.appendChild(a);
                a.click();
                a.remove();""", route);
        waitUp().until(d -> d.getCurrentUrl().replaceFirst("^https?://[^/]+/", "").equals(route) && idle());
    }

    /** Pages reached from a row or a link, with the demo data's ids (a project of the user's team for a member). */
    private List<String> parameterisedRoutes(String username) {
        long project = project(username);
        if (username.equals("admin")) {
            return List.of("catalog/control/" + controlCode(), "projects/" + project, "checks/" + project);
        }
        long control = jdbc.sql("select min(id) from project_control where project_id = :p").param("p", project)
                .query(Long.class).single();
        return List.of("catalog/control/" + controlCode(), "projects/" + project, "checks/" + project,
                "evidence/" + control, "control-checks/" + control, "oscal?project=" + project);
    }

    private String controlCode() {
        return jdbc.sql("select min(code) from control where origin = 'MODEL'").query(String.class).single();
    }

    private long project(String username) {
        String team = switch (username) {
            case "alice" -> "Payments";
            case "bob" -> "Data Platform";
            default -> null;
        };
        return team == null
                ? jdbc.sql("select min(id) from project where not archived").query(Long.class).single()
                : jdbc.sql("select min(p.id) from project p join team t on t.id = p.team_id where t.name = :t and not p.archived")
                        .param("t", team).query(Long.class).single();
    }

    private Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    private boolean idle() {
        return Boolean.TRUE.equals(js("""
                const clients = window.Vaadin && window.Vaadin.Flow && window.Vaadin.Flow.clients;
                if (!clients) return false;
                return Object.values(clients).every(c => !c.isActive || !c.isActive());
                """));
    }
}
