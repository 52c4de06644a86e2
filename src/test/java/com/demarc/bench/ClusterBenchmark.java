package com.demarc.bench;

import com.demarc.scale.ScaleDataGenerator;
import com.demarc.support.Cluster;
import com.demarc.support.TestDatabase;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Figure 9 (issue 17): two app nodes from the packaged jar behind nginx ({@code deploy/nginx.conf}) on the benchmark
 * database, 100 simulated users ({@link VaadinHttpUser}, think time 0.5–1.5 s); then node B is killed with
 * {@code kill -9} while everyone keeps working (errors counted per node; node B's users sign in again on A). Baseline,
 * same run: the same users straight on one node, without nginx. Each node is warmed up first (30 users, 10 navigations
 * each, not measured: a fresh JVM compiles the pages' code then). On 2 cores this shows correctness under load, not
 * more capacity.
 */
@Tag("benchmark")
class ClusterBenchmark {
    private static final int USERS = Integer.getInteger("bench.cluster.users", 100);
    private static final int NAVIGATIONS = 10;
    private static final int WARM_UP_USERS = 30; // per node, before anything is measured

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NEVER).build();

    @Test
    void hundredUsersOnTwoNodesAndOneKilled() throws Exception {
        var db = new TestDatabase.Coordinates(BenchmarkBase.jdbcUrl(), BenchmarkBase.env("BENCH_JDBC_USER", "demarc"),
                BenchmarkBase.env("BENCH_JDBC_PASSWORD", "demarc"), BenchmarkBase.env("BENCH_FLYWAY_USER", "demarc_owner"),
                BenchmarkBase.env("BENCH_FLYWAY_PASSWORD", "demarc_owner"));
        generateScaleDataIfEmpty(db);
        analyze(db);
        long projects = projects(db);
        int teams = (int) Math.max(1, projects / 20);
        // each node sized as docs/operations.md says (-Xmx1g: the survivor of a kill carries every user); more options
        // (a flight recording, another collector) with -Dbench.cluster.jvm="…"
        var jvm = new ArrayList<>(List.of("-Xmx1g"));
        String extra = System.getProperty("bench.cluster.jvm", "").strip();
        if (!extra.isEmpty()) {
            jvm.addAll(List.of(extra.split("\\s+")));
        }
        try (var cluster = new Cluster(db, Map.of(), jvm)) {
            var a = cluster.add("node-a");
            var b = cluster.add("node-b");
            cluster.start(a);
            cluster.start(b);
            cluster.startNginx();
            // each node warmed up first (not measured), as every benchmark here has its warm-up: a fresh JVM compiles the
            // pages' code during its first few hundred navigations (node B, cold, used twice node A's CPU per navigation
            // in the measured phase before), which is start-up, not the round trip users see
            for (var node : List.of(a, b)) {
                var warm = signIn(node.url(), teams, WARM_UP_USERS);
                run(warm, NAVIGATIONS, Collections.synchronizedList(new ArrayList<>()), null);
                for (var user : warm) {
                    user.close();
                }
            }
            String loadBefore = loadAverage();

            // baseline, same run: the same 100 users straight on node A (no nginx, one node)
            var direct = signIn(a.url(), teams);
            List<Double> times = Collections.synchronizedList(new ArrayList<>());
            var cpu = Cpu.of(a, b);
            run(direct, NAVIGATIONS, times, null);
            System.out.println("[bench] CPU while 100 users worked on node A directly: " + cpu.since());
            var single = Bench.stats(new ArrayList<>(times));
            for (var user : direct) {
                user.close();
            }

            // the same users through nginx, balanced over both nodes
            var users = signIn(cluster.url(), teams);
            List<String> nodeOf = new ArrayList<>();
            for (var user : users) {
                nodeOf.add(user.cookieHeader().contains(".node-a") ? "node-a" : "node-b");
            }
            times.clear();
            cpu = Cpu.of(a, b);
            run(users, NAVIGATIONS, times, null);
            System.out.println("[bench] CPU while 100 users worked through nginx: " + cpu.since());
            var loaded = Bench.stats(new ArrayList<>(times));
            long onA = nodeOf.stream().filter("node-a"::equals).count();
            Bench.record("9 cluster", "round trip through nginx, " + USERS + " users on two nodes (" + onA + " on A), "
                            + "think time 0.5–1.5 s, My responsibilities ↔ dashboard, " + projects + " projects; load average "
                            + loadBefore + " → " + loadAverage(),
                    loaded.describe(), "the same " + USERS + " users straight on one node (no nginx): " + single.describe(),
                    Bench.ratio(loaded.p95() / single.p95()) + " p95 vs one node", "p95 ≤150 ms", loaded.p95() <= 150);

            // node B killed while everybody keeps working: the users of A must see no error, B's sign in again on A
            var errors = new java.util.concurrent.ConcurrentHashMap<String, AtomicInteger>();
            errors.put("node-a", new AtomicInteger());
            errors.put("node-b", new AtomicInteger());
            var firstErrors = new ConcurrentLinkedQueue<String>();
            var signedInAgainOn = new ConcurrentLinkedQueue<String>();
            var killing = new AtomicBoolean();
            times.clear();
            var pool = Executors.newSingleThreadScheduledExecutor();
            var kill = pool.schedule(() -> {
                killing.set(true);
                b.kill9();
                return null;
            }, 4, java.util.concurrent.TimeUnit.SECONDS);
            run(users, NAVIGATIONS, times, (index, error) -> {
                String node = nodeOf.get(index);
                errors.get(node).incrementAndGet();
                if (node.equals("node-a") || !killing.get()) {
                    firstErrors.add(node + " user " + index + ": " + error.getMessage());
                    return;
                }
                // the dead node's user: the UI is gone, they sign in again (nginx sends them to the survivor)
                try {
                    var again = new VaadinHttpUser(cluster.url(), http);
                    again.login(userName(index, teams), ScaleDataGenerator.PASSWORD);
                    again.open("");
                    times.add(again.navigate("dashboard"));
                    again.forgetResponse();
                    signedInAgainOn.add(again.cookieHeader().contains(".node-a") ? "node-a" : "node-b");
                } catch (Exception e) {
                    firstErrors.add("node-b user " + index + " signing in again: " + e.getMessage());
                }
            });
            kill.get();
            pool.shutdown();
            var during = Bench.stats(new ArrayList<>(times));
            long onB = USERS - onA;
            long againOnA = signedInAgainOn.stream().filter("node-a"::equals).count();
            Bench.record("9 cluster", "node B killed (kill -9) mid-run: errors per node (" + onA + " users on A, " + onB
                            + " on B); load average " + loadAverage(),
                    "A: " + errors.get("node-a").get() + " errors, B: " + errors.get("node-b").get() + " (UI lost)",
                    "users of B signed in again: " + signedInAgainOn.size() + " of " + onB + ", " + againOnA + " on A",
                    "round trips of the survivors and re-sign-ins: " + during.describe(), "A: 0 errors, B: all again on A",
                    errors.get("node-a").get() == 0 && againOnA == errors.get("node-b").get());
            assertThat(firstErrors).as("errors for the users of the surviving node, failed sign-ins again").isEmpty();
            assertThat(againOnA).as("users of node B signed in again on node A").isEqualTo(errors.get("node-b").get());
        }
    }

    /**
     * CPU time per process group from /proc (user + system): the nodes, PostgreSQL's processes, nginx and this JVM (the
     * simulated users), to see where a round trip's time goes on the shared cores.
     */
    private record Cpu(Map<String, Long> start, long wallStart, Cluster.Node... nodes) {
        static Cpu of(Cluster.Node... nodes) {
            return new Cpu(snapshot(nodes), System.nanoTime(), nodes);
        }

        String since() {
            var now = snapshot(nodes);
            double wall = (System.nanoTime() - wallStart) / 1e9;
            var parts = new ArrayList<String>();
            now.forEach((name, ticks) -> parts.add(String.format(java.util.Locale.ROOT, "%s %.1f s", name,
                    (ticks - start.getOrDefault(name, 0L)) / 100.0)));
            return String.join(", ", parts) + String.format(java.util.Locale.ROOT, " (wall %.1f s, 2 cores = %.1f s)",
                    wall, 2 * wall);
        }

        static Map<String, Long> snapshot(Cluster.Node... nodes) {
            var ticks = new java.util.LinkedHashMap<String, Long>();
            for (var node : nodes) {
                ticks.put(node.id(), node.alive() ? ticks(node.pid()) : 0L);
            }
            ticks.put("benchmark JVM (users)", ticks(ProcessHandle.current().pid()));
            long postgres = 0;
            long nginx = 0;
            try (var procs = java.nio.file.Files.list(Path.of("/proc"))) {
                for (var dir : procs.toList()) {
                    String name = dir.getFileName().toString();
                    if (!name.chars().allMatch(Character::isDigit)) {
                        continue;
                    }
                    try {
                        String comm = java.nio.file.Files.readString(dir.resolve("comm")).strip();
                        if (comm.startsWith("postgres")) {
                            postgres += ticks(Long.parseLong(name));
                        } else if (comm.startsWith("nginx")) {
                            nginx += ticks(Long.parseLong(name));
                        }
                    } catch (java.io.IOException e) {
                        // the process ended meanwhile
                    }
                }
            } catch (java.io.IOException e) {
                return ticks;
            }
            ticks.put("postgres", postgres);
            ticks.put("nginx", nginx);
            return ticks;
        }

        /** utime + stime in clock ticks (100 per second). */
        static long ticks(long pid) {
            try {
                String stat = java.nio.file.Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                return Long.parseLong(f[11]) + Long.parseLong(f[12]);
            } catch (java.io.IOException | RuntimeException e) {
                return 0;
            }
        }
    }

    private List<VaadinHttpUser> signIn(String url, int teams) throws Exception {
        return signIn(url, teams, USERS);
    }

    private List<VaadinHttpUser> signIn(String url, int teams, int count) throws Exception {
        List<VaadinHttpUser> users = new ArrayList<>();
        for (int u = 0; u < count; u++) {
            var user = new VaadinHttpUser(url, http);
            user.login(userName(u, teams), ScaleDataGenerator.PASSWORD);
            user.open("");
            user.forgetResponse();
            users.add(user);
        }
        return users;
    }

    /** Every fifth user is the manager, the others the scale teams' members (a member may have several sessions). */
    private static String userName(int u, int teams) {
        return u % 5 == 4 ? ScaleDataGenerator.MANAGER : ScaleDataGenerator.member(1 + u % teams, (u / teams) % 5);
    }

    private static String loadAverage() {
        try {
            return java.nio.file.Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (java.io.IOException e) {
            return "?";
        }
    }

    private interface OnError {
        void accept(int index, Exception error);
    }

    /** Every user navigates {@code navigations} times with think time; a user whose request fails stops. */
    private static void run(List<VaadinHttpUser> users, int navigations, List<Double> times, OnError onError)
            throws Exception {
        try (var pool = Executors.newFixedThreadPool(users.size())) {
            List<Future<?>> runs = new ArrayList<>();
            for (int u = 0; u < users.size(); u++) {
                int index = u;
                var user = users.get(u);
                runs.add(pool.submit(() -> {
                    for (int i = 0; i < navigations; i++) {
                        Thread.sleep(ThreadLocalRandom.current().nextLong(500, 1500)); // a person reads
                        try {
                            times.add(user.navigate(i % 2 == 0 ? "dashboard" : ""));
                            user.forgetResponse();
                        } catch (Exception e) {
                            if (onError == null) {
                                throw e;
                            }
                            onError.accept(index, e);
                            return null;
                        }
                    }
                    return null;
                }));
            }
            for (var r : runs) {
                r.get();
            }
        }
    }

    private static long projects(TestDatabase.Coordinates db) throws Exception {
        try (var c = DriverManager.getConnection(db.url(), db.username(), db.password()); var s = c.createStatement();
             var rs = s.executeQuery("select count(*) from project")) {
            rs.next();
            return rs.getLong(1);
        } catch (java.sql.SQLException e) {
            return 0; // not migrated yet
        }
    }

    /**
     * Fresh statistics, as autovacuum keeps them in production (it may be off on a test machine, and before PostgreSQL
     * 17 only the owner may ANALYZE): without them the planner guesses every join of the pages measured.
     */
    private static void analyze(TestDatabase.Coordinates db) throws Exception {
        try (var c = DriverManager.getConnection(db.url(), db.ownerUsername(), db.ownerPassword()); var s = c.createStatement()) {
            s.execute("analyze");
        }
    }

    /** An empty benchmark database gets scale data from the jar's own command ({@code -Dbench.scale}, default L). */
    private static void generateScaleDataIfEmpty(TestDatabase.Coordinates db) throws Exception {
        if (projects(db) > 0) {
            return;
        }
        Path jar = Cluster.jar();
        var process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                jar.toString(), "--generate-scale=" + System.getProperty("bench.scale", "L"),
                "--spring.datasource.url=" + db.url(), "--spring.datasource.username=" + db.username(),
                "--spring.datasource.password=" + db.password(), "--spring.flyway.user=" + db.ownerUsername(),
                "--spring.flyway.password=" + db.ownerPassword(), "--spring.docker.compose.enabled=false")
                .inheritIO().start();
        assertThat(process.waitFor()).as("--generate-scale exit code").isZero();
    }
}
