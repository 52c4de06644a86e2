package com.demarc.support;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A real-browser test: the app on a random port, Debian's Chromium driven through /usr/bin/chromedriver.
 * Nothing is downloaded; without Chromium installed the test fails and says how to install it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"test", "demo"})
@Import(TestDatabaseConfiguration.class)
public abstract class BrowserTest {
    private static final String CHROMIUM = "/usr/bin/chromium";
    private static final String CHROMEDRIVER = "/usr/bin/chromedriver";

    @LocalServerPort
    protected int port;
    protected WebDriver driver;
    private Path profileDir;

    @BeforeAll
    static void checkBrowser() {
        if (!new File(CHROMIUM).canExecute() || !new File(CHROMEDRIVER).canExecute()) {
            throw new IllegalStateException("Browser tests need Debian's Chromium: apt-get install -y chromium chromium-driver");
        }
    }

    @BeforeEach
    void openBrowser() throws Exception {
        profileDir = Files.createTempDirectory("demarc-chromium");
        driver = chromium(profileDir);
    }

    /**
     * Debian's headless Chromium through /usr/bin/chromedriver with a fresh profile: the one way every browser test and
     * benchmark starts a browser. Nothing is downloaded; without the packages it says how to install them.
     */
    public static ChromeDriver chromium(Path profileDir) {
        if (!new File(CHROMIUM).canExecute() || !new File(CHROMEDRIVER).canExecute()) {
            throw new IllegalStateException("Browser tests need Debian's Chromium: apt-get install -y chromium chromium-driver");
        }
        var options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-quic", "--window-size=1400,1000", "--user-data-dir=" + profileDir);
        var service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    @AfterEach
    void closeBrowser(org.junit.jupiter.api.TestInfo info) throws Exception {
        if (driver != null) {
            // the last page of every browser test, for looking at failures: target/browser-screenshots/
            try {
                var dir = Path.of("target", "browser-screenshots");
                Files.createDirectories(dir);
                Files.write(dir.resolve(getClass().getSimpleName() + "-" + info.getDisplayName().replaceAll("[^A-Za-z0-9]+", "_") + ".png"),
                        ((org.openqa.selenium.TakesScreenshot) driver).getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
            } catch (RuntimeException e) {
                // a screenshot is a debugging aid only
            }
            driver.quit();
        }
        if (profileDir != null) {
            org.springframework.util.FileSystemUtils.deleteRecursively(profileDir);
        }
    }

    protected String url(String path) {
        return "http://localhost:" + port + "/" + path;
    }

    protected WebDriverWait waitUp() {
        var wait = new WebDriverWait(driver, Duration.ofSeconds(30));
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
        return wait;
    }

    protected void login(String username, String password) {
        driver.get(url("login"));
        var user = waitUp().until(ExpectedConditions.elementToBeClickable(
                By.cssSelector("vaadin-text-field[name=username] input")));
        user.sendKeys(username);
        driver.findElement(By.cssSelector("vaadin-password-field[name=password] input")).sendKeys(password);
        driver.findElement(By.cssSelector("vaadin-button[slot=submit]")).click();
    }

    protected void loginAndWait(String username, String password) {
        login(username, password);
        waitUp().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("vaadin-side-nav-item")));
    }

    protected List<String> menuTitles() {
        waitUp().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("vaadin-side-nav-item")));
        return driver.findElements(By.cssSelector("#main-nav > vaadin-side-nav-item")).stream()
                .map(WebElement::getText).map(String::strip).toList();
    }

    /** The visible text of the first element matching the CSS selector, searching inside shadow roots too. */
    protected String deepText(String css) {
        return waitUp().until(d -> (String) ((org.openqa.selenium.JavascriptExecutor) d).executeScript("""
                const find = (root, sel) => {
                  const hit = root.querySelector(sel);
                  if (hit) return hit;
                  for (const el of root.querySelectorAll('*')) {
                    if (el.shadowRoot) { const deep = find(el.shadowRoot, sel); if (deep) return deep; }
                  }
                  return null;
                };
                const el = find(document, arguments[0]);
                return el && el.offsetParent !== null && el.innerText.trim() ? el.innerText.trim() : null;
                """, css));
    }

    /**
     * Clicks the element {@code locator} finds once it is shown and enabled, looking it up again if the page re-rendered
     * it meanwhile (a stale element would otherwise be waited on until the timeout).
     */
    protected void clickWhenReady(By locator) {
        waitUp().ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .ignoring(org.openqa.selenium.ElementNotInteractableException.class).until(d -> {
                    var element = d.findElement(locator);
                    ((org.openqa.selenium.JavascriptExecutor) d).executeScript("arguments[0].scrollIntoView({block: 'center'})", element);
                    if (!element.isDisplayed() || !element.isEnabled()) {
                        return false;
                    }
                    element.click();
                    return true;
                });
    }

    /** Clicks an element after scrolling it into view (grid rows far down, buttons below the fold). */
    protected void click(WebElement element) {
        ((org.openqa.selenium.JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'})", element);
        waitUp().until(ExpectedConditions.elementToBeClickable(element)).click();
    }

    /**
     * A README picture of the current page at this window size, without Vaadin's development-mode notice and toolbar
     * (the dev tools and Copilot elements are hidden first): target/screenshots/NAME, copied to docs/screenshots/ by
     * hand when it changes. The window gets its usual size back afterwards.
     */
    protected void readmeScreenshot(String name, int width, int height) throws java.io.IOException, InterruptedException {
        var js = (org.openqa.selenium.JavascriptExecutor) driver;
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(width, height));
        // the window's size includes what Chromium draws around the page: grow it until the page itself has the size
        int wider = width - ((Number) js.executeScript("return window.innerWidth")).intValue();
        int taller = height - ((Number) js.executeScript("return window.innerHeight")).intValue();
        if (wider != 0 || taller != 0) {
            driver.manage().window().setSize(new org.openqa.selenium.Dimension(width + wider, height + taller));
        }
        js.executeScript("""
                document.querySelectorAll('*').forEach(e => {
                  if (/^(vaadin-dev|copilot)/.test(e.localName)) e.style.setProperty('display', 'none', 'important');
                });""");
        Thread.sleep(800); // the layout settles at the new size (grids re-measure their columns)
        var dir = Path.of("target", "screenshots");
        Files.createDirectories(dir);
        Files.write(dir.resolve(name), ((org.openqa.selenium.TakesScreenshot) driver).getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(1400, 1000));
    }

    protected WebElement waitFor(String css) {
        return waitUp().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
    }
}
