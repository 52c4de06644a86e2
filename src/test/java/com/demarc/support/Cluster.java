package com.demarc.support;

import org.flywaydb.core.Flyway;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Several Demarc nodes for tests and benchmarks: app nodes started from the packaged jar ({@code java -jar}, each in
 * its own process, on loopback ports) on one database, behind nginx (the Debian package) running the shipped
 * {@code deploy/nginx.conf} with only its addresses and ports rewritten. Everything is stopped by {@link #close}.
 */
public final class Cluster implements AutoCloseable {
    /** One app node: its id (the session route), port, process and log file. */
    public static final class Node {
        private final String id;
        private final int port;
        private final Path log;
        private Process process;

        Node(String id, int port, Path log) {
            this.id = id;
            this.port = port;
            this.log = log;
        }

        public String id() { return id; }
        public int port() { return port; }
        public String url() { return "http://127.0.0.1:" + port; }
        public Path log() { return log; }
        public boolean alive() { return process != null && process.isAlive(); }
        public long pid() { return process.pid(); }

        /** What a crash looks like: SIGKILL, no shutdown hook, open requests cut. */
        public void kill9() throws InterruptedException {
            process.destroyForcibly(); // SIGKILL on Linux
            process.waitFor(30, TimeUnit.SECONDS);
        }

        public String logText() throws IOException {
            return Files.readString(log);
        }
    }

    private final Path dir;
    private final Path jar;
    private final TestDatabase.Coordinates db;
    private final Map<String, String> settings;
    private final List<String> jvmOptions;
    private final List<Node> nodes = new ArrayList<>();
    private final int proxyPort;
    private Process nginx;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /**
     * @param db       the database every node uses (its owner role migrates it, as in production)
     * @param settings extra {@code --name=value} arguments for every node
     */
    public Cluster(TestDatabase.Coordinates db, Map<String, String> settings) throws IOException {
        this(db, settings, List.of());
    }

    /** @param jvmOptions extra JVM options for every node (e.g. C1 only, for a faster start in tests) */
    public Cluster(TestDatabase.Coordinates db, Map<String, String> settings, List<String> jvmOptions) throws IOException {
        this.jvmOptions = List.copyOf(jvmOptions);
        this.dir = Files.createTempDirectory("demarc-cluster");
        this.jar = jar();
        this.db = db;
        this.settings = new LinkedHashMap<>(settings);
        this.proxyPort = freePort();
    }

    /** The packaged jar: {@code -Dcluster.jar} (set by the pom) or target/demarc-*.jar. */
    public static Path jar() throws IOException {
        String configured = System.getProperty("cluster.jar");
        if (configured != null && Files.isRegularFile(Path.of(configured))) {
            return Path.of(configured);
        }
        try (var files = Files.list(Path.of("target"))) {
            return files.filter(p -> p.getFileName().toString().matches("demarc-.*\\.jar"))
                    .filter(p -> !p.getFileName().toString().endsWith("-plain.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("No packaged jar in target/: run ./mvnw package first"));
        }
    }

    /** Empties the test database (as the owner role), so the first node migrates and seeds it from scratch. */
    public static void cleanTestDatabase() {
        var db = TestDatabase.get();
        Flyway.configure().dataSource(db.url(), db.ownerUsername(), db.ownerPassword()).cleanDisabled(false)
                .locations("classpath:db/migration").load().clean();
    }

    public Path dir() { return dir; }
    public List<Node> nodes() { return nodes; }
    public Node node(String id) { return nodes.stream().filter(n -> n.id.equals(id)).findFirst().orElseThrow(); }
    /** nginx, which users go through. */
    public String url() { return "http://127.0.0.1:" + proxyPort; }
    /** nginx at another address of this machine (see {@link #outsideAddress}), which it also listens on. */
    public String url(String address) { return "http://" + address + ":" + proxyPort; }

    /**
     * An IPv4 address of this machine that is not loopback and not in Tomcat's default internal proxies (private
     * ranges), or null: a client connecting from it is neither nginx nor a trusted proxy.
     */
    public static String outsideAddress() {
        try {
            for (var nic : java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces())) {
                if (!nic.isUp() || nic.isLoopback()) {
                    continue;
                }
                for (var address : java.util.Collections.list(nic.getInetAddresses())) {
                    if (address instanceof java.net.Inet4Address && !address.isLoopbackAddress()
                            && !address.isSiteLocalAddress() && !address.isLinkLocalAddress()
                            && !address.getHostAddress().matches("100\\.(6[4-9]|[7-9]\\d|1[01]\\d|12[0-7])\\..*")) {
                        return address.getHostAddress();
                    }
                }
            }
        } catch (java.net.SocketException e) {
            return null;
        }
        return null;
    }

    /** Declares a node (ids node-a, node-b, ... as in deploy/nginx.conf); start it with {@link #start}. */
    public Node add(String id) throws IOException {
        var node = new Node(id, freePort(), dir.resolve(id + ".log"));
        nodes.add(node);
        return node;
    }

    /** Starts a node and waits until its readiness says UP. */
    public void start(Node node, String... extraArgs) throws IOException, InterruptedException {
        launch(node, extraArgs);
        awaitReady(node);
    }

    /** Starts a node's process without waiting (nodes may start together: Flyway takes a lock to migrate). */
    public void launch(Node node, String... extraArgs) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:+UseSerialGC", "-Duser.timezone=UTC", "-Djava.io.tmpdir=" + dir));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toString(),
                "--server.port=" + node.port,
                "--demarc.cluster.node-id=" + node.id,
                "--spring.datasource.url=" + db.url(),
                "--spring.datasource.username=" + db.username(),
                "--spring.datasource.password=" + db.password(),
                "--spring.flyway.user=" + db.ownerUsername(),
                "--spring.flyway.password=" + db.ownerPassword(),
                "--spring.flyway.placeholders.app_user=" + db.username(),
                "--spring.docker.compose.enabled=false",
                // behind nginx: client address and scheme from X-Forwarded-* (loopback is a trusted proxy)
                "--server.forward-headers-strategy=native",
                // every node signs audit checkpoints with the same key, as in production
                "--demarc.audit.signing-key-file=" + dir.resolve("audit-signing.key")));
        settings.forEach((name, value) -> command.add("--" + name + "=" + value));
        command.addAll(List.of(extraArgs));
        var builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(node.log.toFile()));
        builder.environment().put("VAADIN_USAGE_STATS_ENABLED", "false");
        node.process = builder.start();
    }

    /** Waits until the node's readiness says UP ({@code -Dcluster.start-timeout}, default 300 s on a busy machine). */
    public void awaitReady(Node node) throws IOException, InterruptedException {
        awaitReady(node, Duration.ofSeconds(Long.getLong("cluster.start-timeout", 300)));
    }

    /** Starts nginx with deploy/nginx.conf pointed at the nodes' ports (node-a, node-b). */
    public void startNginx() throws IOException, InterruptedException {
        String site = Files.readString(Path.of("deploy/nginx.conf"))
                .replace("127.0.0.1:8081", "127.0.0.1:" + node("node-a").port)
                .replace("127.0.0.1:8082", "127.0.0.1:" + node("node-b").port)
                .replace("listen 80;", "listen 127.0.0.1:" + proxyPort + ";"
                        + (outsideAddress() == null ? "" : " listen " + outsideAddress() + ":" + proxyPort + ";"));
        Path prefix = Files.createDirectories(dir.resolve("nginx"));
        for (String temp : List.of("client_body", "proxy", "fastcgi", "uwsgi", "scgi", "logs")) {
            Path d = Files.createDirectories(prefix.resolve(temp));
            Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("rwxrwxrwx"));
        }
        Files.setPosixFilePermissions(prefix, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(prefix.resolve("demarc.conf"), site);
        Files.writeString(prefix.resolve("nginx.conf"), """
                daemon off;
                worker_processes 1;
                pid %1$s/nginx.pid;
                error_log %1$s/logs/error.log warn;
                events { worker_connections 1024; }
                http {
                    access_log %1$s/logs/access.log;
                    client_body_temp_path %1$s/client_body;
                    proxy_temp_path %1$s/proxy;
                    fastcgi_temp_path %1$s/fastcgi;
                    uwsgi_temp_path %1$s/uwsgi;
                    scgi_temp_path %1$s/scgi;
                    include %1$s/demarc.conf;
                }
                """.formatted(prefix));
        nginx = new ProcessBuilder("/usr/sbin/nginx", "-p", prefix.toString(), "-e", prefix.resolve("logs/error.log").toString(),
                "-c", prefix.resolve("nginx.conf").toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(prefix.resolve("logs/stdout.log").toFile()))
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (!nginx.isAlive()) {
                throw new IllegalStateException("nginx did not start: " + Files.readString(prefix.resolve("logs/error.log"))
                        + Files.readString(prefix.resolve("logs/stdout.log")));
            }
            if (status(url() + "/nginx-health") == 200) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("nginx did not answer on " + url());
    }

    /** HTTP status of a GET, or -1 when nothing answers. */
    public int status(String url) throws InterruptedException {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        }
    }

    /** The node's Prometheus text, read with the scrape token. */
    public String metrics(Node node, String scrapeToken) throws IOException, InterruptedException {
        var response = http.send(HttpRequest.newBuilder(URI.create(node.url() + "/actuator/prometheus"))
                .header("Authorization", "Bearer " + scrapeToken).timeout(Duration.ofSeconds(20)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("/actuator/prometheus of " + node.id + ": HTTP " + response.statusCode());
        }
        return response.body();
    }

    /** Sum of a Prometheus series' samples whose labels contain every {@code labels} entry ({@code job="x"}). */
    public static double sample(String prometheusText, String name, String... labels) {
        double sum = 0;
        for (String line : prometheusText.split("\n")) {
            if (line.startsWith("#") || !(line.startsWith(name + "{") || line.startsWith(name + " "))) {
                continue;
            }
            boolean all = true;
            for (String label : labels) {
                all &= line.contains(label);
            }
            if (all) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    private void awaitReady(Node node, Duration timeout) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!node.process.isAlive()) {
                throw new IllegalStateException("Node " + node.id + " stopped during start-up:\n" + tail(node.logText()));
            }
            if (status(node.url() + "/actuator/health/readiness") == 200) {
                return;
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("Node " + node.id + " not ready after " + timeout + ":\n" + tail(node.logText()));
    }

    private static String tail(String text) {
        return text.length() <= 4000 ? text : text.substring(text.length() - 4000);
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        for (var node : nodes) {
            if (node.alive()) {
                node.process.destroy();
            }
        }
        if (nginx != null && nginx.isAlive()) {
            nginx.destroy(); // SIGTERM: nginx's fast shutdown
        }
        for (var node : nodes) {
            if (node.process != null && !node.process.waitFor(20, TimeUnit.SECONDS)) {
                node.process.destroyForcibly();
            }
        }
        if (nginx != null && !nginx.waitFor(10, TimeUnit.SECONDS)) {
            nginx.destroyForcibly();
        }
    }
}
