package com.demarc.bench;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.util.FileSystemUtils;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Issue figure 5: how long until Demarc is usable. (a) the packaged jar from {@code java -jar} to a healthy
 * {@code /actuator/health}, against {@code java -version} of the same JVM (the floor any Java program pays);
 * (b) the login page's first paint and usable form in a fresh headless Chromium, against the same Chromium painting
 * a minimal static login page from the JDK's own HTTP server. No target: the figures are reported.
 */
class StartupBenchmark extends BenchmarkBase {
    private static final String NAME = "Start-up";
    private static final Path JAR = Path.of("target", "demarc-0.1.0-SNAPSHOT.jar");
    private static final Path LOGS = Path.of("target", "bench-startup");
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);
    private static final int STARTS = 3;
    private static final int PAINTS = 5;
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    @Test
    void jarStartupToHealthy() throws Exception {
        requireJar();
        Files.createDirectories(LOGS);
        var floor = Bench.time(1, STARTS, () -> {
            var p = new ProcessBuilder(JAVA, "-version").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(1, TimeUnit.MINUTES) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException(JAVA + " -version failed");
            }
        });
        List<Double> ms = new ArrayList<>();
        for (int run = 1; run <= STARTS; run++) {
            try (var app = PackagedApp.start("start-" + run)) {
                ms.add(app.readyMs());
                System.out.printf(Locale.ROOT, "[bench] start %d: healthy after %.0f ms%n", run, app.readyMs());
            }
        }
        recordTime("java -jar to /actuator/health UP (" + scaleLabel() + ")", Bench.stats(ms), "java -version", floor);
    }

    @Test
    void loginPageFirstPaint() throws Exception {
        requireChromium();
        // the in-process server's first /login compiles and caches server-side; a fresh browser per run sees what a
        // user's first visit sees, the cold server is figure (a)
        paint(url("login"), "vaadin-text-field[name=username]");
        var demarc = paints(url("login"), "vaadin-text-field[name=username]");

        HttpServer server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        byte[] page = STATIC_LOGIN.getBytes(StandardCharsets.UTF_8);
        server.createContext("/login", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, page.length);
            try (var out = exchange.getResponseBody()) {
                out.write(page);
            }
        });
        server.start();
        Paints staticPage;
        try {
            String staticUrl = "http://localhost:" + server.getAddress().getPort() + "/login";
            paint(staticUrl, "input[name=username]");
            staticPage = paints(staticUrl, "input[name=username]");
        } finally {
            server.stop(0);
        }

        recordPaints("in-process server", demarc, staticPage);

        // the test classpath's server serves Vaadin's development bundle; users get the jar's production bundle
        if (Files.isRegularFile(JAR)) {
            Files.createDirectories(LOGS);
            try (var app = PackagedApp.start("login-paint")) {
                String jarLogin = "http://localhost:" + app.port() + "/login";
                paint(jarLogin, "vaadin-text-field[name=username]");
                recordPaints("packaged jar, production bundle", paints(jarLogin, "vaadin-text-field[name=username]"), staticPage);
            }
        } else {
            System.out.println("[bench] " + JAR + " is missing: no login paint figure for the packaged jar");
        }
    }

    private static void recordPaints(String server, Paints demarc, Paints staticPage) {
        String how = "fresh headless Chromium per run, " + server;
        recordTime("/login first-contentful-paint (" + how + ")", demarc.fcp(),
                "static HTML login page, JDK HttpServer, FCP", staticPage.fcp());
        recordTime("/login username field visible (" + how + ")", demarc.usable(),
                "static HTML login page, field visible", staticPage.usable());
    }

    private static void recordTime(String figure, Bench.Stats result, String baselineName, Bench.Stats baseline) {
        Bench.recordTime(NAME, figure, result, baselineName, baseline, "— (reported)", null);
    }

    // --- (a) the packaged application as a subprocess ----------------------------------------------------------

    /** The packaged jar running on a free port against the benchmark database; closing stops it. */
    private static final class PackagedApp implements AutoCloseable {
        private final Process process;
        private final Path log;
        private final int port;
        private double readyMs;

        private PackagedApp(Process process, Path log, int port) {
            this.process = process;
            this.log = log;
            this.port = port;
        }

        /** Starts the jar, its output going to target/bench-startup/{name}.log, and waits until it is healthy. */
        static PackagedApp start(String name) throws Exception {
            int port = freePort();
            Path log = LOGS.resolve(name + ".log");
            var command = List.of(JAVA, "-jar", JAR.toString(), "--server.port=" + port,
                    "--spring.datasource.url=" + jdbcUrl(),
                    "--spring.datasource.username=" + env("BENCH_JDBC_USER", "demarc"),
                    "--spring.datasource.password=" + env("BENCH_JDBC_PASSWORD", "demarc"));
            long t0 = System.nanoTime();
            var app = new PackagedApp(new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start(), log, port);
            try {
                app.awaitHealthy(port, t0);
            } catch (Exception | AssertionError e) {
                app.close();
                throw e;
            }
            return app;
        }

        /** Polls every 20 ms: the first 200 with status UP is "ready"; the process dying or the timeout fails. */
        private void awaitHealthy(int port, long t0) throws Exception {
            var client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(1)).build();
            var health = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health"))
                    .timeout(Duration.ofSeconds(5)).GET().build();
            long deadline = t0 + READY_TIMEOUT.toNanos();
            try (client) {
                while (System.nanoTime() < deadline) {
                    if (!process.isAlive()) {
                        throw new IllegalStateException("the packaged app exited with " + process.exitValue()
                                + " before it was healthy; its output: " + tail(log));
                    }
                    try {
                        var response = client.send(health, HttpResponse.BodyHandlers.ofString());
                        if (response.statusCode() == 200 && response.body().contains("\"UP\"")) {
                            readyMs = (System.nanoTime() - t0) / 1e6;
                            return;
                        }
                    } catch (IOException notYetListening) {
                        // connection refused until Tomcat is up
                    }
                    Thread.sleep(20);
                }
            }
            throw new IllegalStateException("the packaged app was not healthy within " + READY_TIMEOUT + "; its output: " + tail(log));
        }

        int port() {
            return port;
        }

        double readyMs() {
            return readyMs;
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private static void requireJar() {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR + " is missing: run this benchmark through Maven "
                    + "(./mvnw -Pbench verify -Dit.test=StartupBenchmark), which packages the jar first");
        }
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }

    // --- (b) first paint in Chromium -----------------------------------------------------------------------------

    record Paints(Bench.Stats fcp, Bench.Stats usable) {
    }

    private Paints paints(String url, String fieldCss) throws Exception {
        List<Double> fcp = new ArrayList<>();
        List<Double> usable = new ArrayList<>();
        for (int i = 0; i < PAINTS; i++) {
            double[] run = paint(url, fieldCss);
            fcp.add(run[0]);
            usable.add(run[1]);
        }
        System.out.println("[bench] " + url + ": FCP " + fcp + " ms, field visible " + usable + " ms");
        return new Paints(Bench.stats(fcp), Bench.stats(usable));
    }

    /**
     * One first visit in a new Chromium with an empty profile (nothing cached): first-contentful-paint, and when the
     * username field first became visible, both in ms since navigation start. The visibility check runs in the page
     * on every animation frame, injected before any page script, so neither figure includes WebDriver polling.
     */
    private static double[] paint(String url, String fieldCss) throws Exception {
        Path profile = Files.createTempDirectory("demarc-bench-chromium");
        ChromeDriver driver = null;
        try {
            driver = com.demarc.support.BrowserTest.chromium(profile);
            driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", """
                    (() => {
                      const visible = el => {
                        if (!el) return false;
                        const r = el.getBoundingClientRect(), s = getComputedStyle(el);
                        return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.display !== 'none'
                            && parseFloat(s.opacity || '1') > 0;
                      };
                      const check = () => {
                        if (visible(document.querySelector(%s))) window.__fieldVisibleAt = performance.now();
                        else requestAnimationFrame(check);
                      };
                      requestAnimationFrame(check);
                    })();""".formatted(jsString(fieldCss))));
            driver.get(url);
            var wait = new WebDriverWait(driver, Duration.ofSeconds(60));
            wait.withMessage(fieldCss + " never became visible on " + url)
                    .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(fieldCss)));
            var js = (JavascriptExecutor) driver;
            Number fieldAt = wait.withMessage("no visibility time recorded on " + url)
                    .until(d -> (Number) js.executeScript("return window.__fieldVisibleAt"));
            Number fcp = wait.withMessage("Chromium reported no first-contentful-paint for " + url)
                    .until(d -> (Number) js.executeScript("""
                            const e = performance.getEntriesByType('paint').find(p => p.name === 'first-contentful-paint');
                            return e ? e.startTime : null;"""));
            return new double[] {fcp.doubleValue(), fieldAt.doubleValue()};
        } finally {
            if (driver != null) {
                driver.quit();
            }
            FileSystemUtils.deleteRecursively(profile);
        }
    }

    private static String jsString(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    private static void requireChromium() {
        if (!new File("/usr/bin/chromium").canExecute() || !new File("/usr/bin/chromedriver").canExecute()) {
            throw new IllegalStateException("This benchmark needs Debian's Chromium: apt-get install -y chromium chromium-driver");
        }
    }

    /** What a login page needs and no more: the floor for painting a form, whatever renders it. */
    private static final String STATIC_LOGIN = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
              <meta charset="utf-8">
              <meta name="viewport" content="width=device-width, initial-scale=1">
              <title>Sign in · Demarc</title>
              <style>
                body { font-family: system-ui, sans-serif; background: #f3f5f7; display: grid; place-items: center; min-height: 100vh; margin: 0; }
                form { background: #fff; padding: 2rem; border-radius: .5rem; box-shadow: 0 1px 4px #0002; display: grid; gap: .75rem; width: 20rem; }
                input, button { font: inherit; padding: .5rem; }
                button { background: #1676f3; color: #fff; border: 0; border-radius: .25rem; }
              </style>
            </head>
            <body>
              <form method="post" action="/login">
                <h1>Demarc</h1>
                <label>Username <input name="username" autocomplete="username" required></label>
                <label>Password <input name="password" type="password" autocomplete="current-password" required></label>
                <button type="submit">Log in</button>
              </form>
            </body>
            </html>
            """;
}
