package com.demarc.bench;

import com.demarc.scale.ScaleDataGenerator;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Figure 6: what a signed-in Vaadin session costs the server, and how fast it answers many users at once. Users are
 * simulated over real HTTP with {@link VaadinHttpUser} (the requests a browser's Vaadin client sends); the server
 * runs in this JVM, so its heap is measured directly after full collections.
 */
class SessionBenchmark extends BenchmarkBase {
    private static final int SESSIONS = Integer.getInteger("bench.sessions", 40);
    private static final int USERS = Integer.getInteger("bench.users", 25);
    private static final int NAVIGATIONS = 20;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    @Test
    void retainedHeapPerSession() throws Exception {
        // warm-up: classes loaded, caches filled, so the figure is per session and not first-use cost
        try (var warm = new VaadinHttpUser(url(""), http)) {
            warm.login(ScaleDataGenerator.member(1, 0), ScaleDataGenerator.PASSWORD);
            warm.open("");
            warm.navigate("dashboard");
        }
        record View(String name, String route, boolean manager) {
        }
        for (var view : List.of(new View("My responsibilities (members)", "", false),
                new View("dashboard (manager, whole organisation)", "dashboard", true),
                new View("dashboard (members, own team)", "dashboard", false))) {
            long before = Bench.usedHeapAfterGc();
            List<VaadinHttpUser> open = new ArrayList<>();
            for (int i = 0; i < SESSIONS; i++) {
                var user = new VaadinHttpUser(url(""), http);
                user.login(view.manager() ? ScaleDataGenerator.MANAGER : ScaleDataGenerator.member(1 + i % 20, i / 20 % 5),
                        ScaleDataGenerator.PASSWORD);
                user.open(view.route());
                user.ping();
                user.forgetResponse();
                open.add(user);
            }
            long after = Bench.usedHeapAfterGc();
            for (var user : open) {
                user.close();
            }
            long closed = Bench.usedHeapAfterGc();
            double perSession = (after - before) / (double) SESSIONS;
            Bench.record("6 sessions", "retained heap per session, " + view.name() + ", " + SESSIONS + " sessions, " + scaleLabel(),
                    String.format(java.util.Locale.ROOT, "%.0f KB", perSession / 1024),
                    "heap after GC before: " + Bench.mb(before) + "; after closing the UIs: " + Bench.mb(closed),
                    String.format(java.util.Locale.ROOT, "%.2f× of target", perSession / (150 * 1024.0)),
                    "≤150 KB", perSession <= 150 * 1024);
        }
    }

    @Test
    void roundTripsWithConcurrentUsers() throws Exception {
        // baseline: the same navigations by one user alone, in this run
        List<Double> alone = new ArrayList<>();
        try (var user = new VaadinHttpUser(url(""), http)) {
            user.login(ScaleDataGenerator.member(1, 0), ScaleDataGenerator.PASSWORD);
            user.open("");
            for (int i = 0; i < NAVIGATIONS * 2; i++) {
                double ms = user.navigate(i % 2 == 0 ? "dashboard" : "");
                if (i >= 4) {
                    alone.add(ms);
                }
            }
        }
        var single = Bench.stats(alone);
        for (int users : List.of(USERS / 2, USERS)) {
            List<Double> times = Collections.synchronizedList(new ArrayList<>());
            try (var pool = Executors.newFixedThreadPool(users)) {
                List<Future<?>> runs = new ArrayList<>();
                for (int u = 0; u < users; u++) {
                    int index = u;
                    runs.add(pool.submit(() -> {
                        // every fifth simulated user is the manager (the organisation's dashboard), the others members
                        String name = index % 5 == 4 ? ScaleDataGenerator.MANAGER : ScaleDataGenerator.member(1 + index, 0);
                        try (var user = new VaadinHttpUser(url(""), http)) {
                            user.login(name, ScaleDataGenerator.PASSWORD);
                            user.open("");
                            for (int i = 0; i < NAVIGATIONS; i++) {
                                Thread.sleep(ThreadLocalRandom.current().nextLong(500, 1500)); // a person reads
                                times.add(user.navigate(i % 2 == 0 ? "dashboard" : ""));
                            }
                        }
                        return null;
                    }));
                }
                for (var run : runs) {
                    run.get();
                }
            }
            assertThat(times).hasSize(users * NAVIGATIONS);
            var result = Bench.stats(new ArrayList<>(times));
            Bench.record("6 sessions", "server round trip, " + users + " concurrent users (think time 0.5–1.5 s, "
                            + "navigating My responsibilities ↔ dashboard), " + scaleLabel(),
                    result.describe(), "one user alone: " + single.describe(),
                    Bench.ratio(result.p95() / single.p95()) + " p95 vs alone", "p95 ≤150 ms", result.p95() <= 150);
        }
    }
}
