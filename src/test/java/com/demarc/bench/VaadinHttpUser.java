package com.demarc.bench;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A simulated Demarc user for load benchmarks: speaks the same HTTP as a browser running the Vaadin Flow client
 * (Vaadin 25.2, production bundle, React router, push disabled, XHR only), with {@link HttpClient} and no browser.
 *
 * <p>What a browser does, and what this class repeats (checked against Flow 25.2.4, which Vaadin 25.2.3 ships):
 * <ol>
 *   <li><b>Sign in</b> ({@link #login}): {@code GET /login} (opens the HTTP session, the page carries Spring's
 *       {@code <meta name="_csrf">}), then the LoginForm's native form post {@code POST /login} with
 *       {@code username}, {@code password} and {@code _csrf}. Success is {@code 302} to the app ({@code /} or the
 *       saved request), failure {@code 302 /login?error}. Spring changes the session id on sign-in, so the new
 *       {@code JSESSIONID} cookie is kept. (VaadinSecurityConfigurer exempts the login URL from Spring's CSRF check,
 *       so the token is sent only because the browser sends it.)</li>
 *   <li><b>Open a page</b> ({@link #open}): {@code GET /<route>} (the index.html shell; it carries no UI state, its
 *       {@code window.Vaadin.TypeScript} is empty), then {@code GET /?v-r=init&location=<route>&query=<q>&v-sw=...}
 *       (browser details), which creates the server-side {@code UI} and answers JSON {@code appConfig} with
 *       {@code v-uiId}, {@code uidl.Vaadin-Security-Key} (the UIDL csrfToken), {@code uidl.syncId} (0) and
 *       {@code uidl.clientId} (0). The init answer renders no view: the router then sends the first UIDL request
 *       with a {@code ui-navigate} event for the route, and the server builds the view (MainLayout + route target)
 *       and answers with all its nodes. All three are timed together.</li>
 *   <li><b>Navigate</b> ({@link #navigate}): a click on a side-nav link makes the client router send one UIDL
 *       request: {@code POST /?v-r=uidl&v-uiId=N}, {@code Content-Type: application/json}, body
 *       {@code {"csrfToken":KEY,"rpc":[{"type":"event","node":1,"event":"ui-navigate","data":{"route":"dashboard",
 *       "query":"","appShellTitle":"","historyState":null,"trigger":"client"}}],"syncId":S,"clientId":C}} where node
 *       1 is the UI's root element (body), S the last syncId the server sent and C the clientId the server said it
 *       expects next (the previous one + 1). The server answers JSON with {@code syncId} S+1, {@code clientId}
 *       C+1, {@code changes}, and in {@code execute} the page title and {@code serverConnected(false)} on the
 *       router container (false = navigation not cancelled).</li>
 *   <li><b>Close</b> ({@link #close}): on page unload the client sends a beacon to the same UIDL URL with
 *       {@code {"csrfToken":KEY,"rpc":[],"UNLOAD":true}}; the server then removes the UI at once instead of after
 *       three missed heartbeats.</li>
 * </ol>
 *
 * <p>Errors come back as HTTP 200 with a {@code meta} object: {@code {"meta":{"sessionExpired":true}}} (unknown
 * UI or session), {@code "meta":{"appError":{...}}} with {@code "syncId":-1} (wrong csrfToken; clientId out of
 * sequence = "Synchronization Error", which a browser answers with a resynchronize or a reload; no cookie =
 * "Cookies disabled"). {@link #navigate} throws on all of them.
 *
 * <p>Not simulated: static resources (JS/CSS bundles, which a browser caches), the follow-up RPCs the client-side
 * connectors may send after a render (e.g. window-resize or a grid asking for more rows than the first page the
 * server already sent), and heartbeats ({@code POST /?v-r=heartbeat&v-uiId=N} every {@code heartbeatInterval} =
 * 300 s; {@link #heartbeat} sends one; without them the server drops an unclosed UI after ~15 min).
 *
 * <p>One instance is one browser tab of one user: not thread-safe. Cookies are kept per instance (not in the
 * {@link HttpClient}), so many users may share one client via {@link #VaadinHttpUser(String, HttpClient)}.
 *
 * <p>Run against a running app: {@code java -cp target/test-classes:$(cat cp.txt) com.demarc.bench.VaadinHttpUser
 * http://localhost:8080 manager demarc-demo-2026 20}.
 */
public final class VaadinHttpUser implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern CSRF_META = Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]*)\"");
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final String baseUrl;
    private final HttpClient http;
    /** Cookies by name (in practice only JSESSIONID); sent on every request like a browser would. */
    private final Map<String, String> cookies = new LinkedHashMap<>();

    // state of the currently open UI (one browser tab)
    private int uiId = -1;
    private String securityKey;
    private int syncId;     // last syncId received from the server
    private int clientId;   // next clientId the server expects from us
    private String route;
    private String lastTitle;
    private JsonNode lastResponse;

    /** @param baseUrl the app's root, e.g. {@code http://localhost:8080} (with or without the final slash) */
    public VaadinHttpUser(String baseUrl) {
        this(baseUrl, HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(10))
                .build());
    }

    /** Shares {@code http} with other users; it must not follow redirects nor keep cookies itself. */
    public VaadinHttpUser(String baseUrl, HttpClient http) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.http = http;
    }

    /**
     * Signs in as the LoginForm does: GET /login, then POST /login (form) with username, password and _csrf.
     *
     * @return wall time of both requests in milliseconds
     * @throws IllegalStateException if the server refused the credentials
     */
    public double login(String user, String password) throws IOException, InterruptedException {
        long start = System.nanoTime();
        var page = send(get("/login"));
        expectStatus(page, 200, "GET /login");
        Matcher csrf = CSRF_META.matcher(page.body());
        var form = "username=" + enc(user) + "&password=" + enc(password)
                + (csrf.find() ? "&_csrf=" + enc(csrf.group(1)) : "");
        var post = send(request("/login")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
        double millis = millisSince(start);
        var location = post.headers().firstValue("Location").orElse("");
        if (post.statusCode() != 302 || location.contains("/login")) {
            throw new IllegalStateException("Sign-in as " + user + " failed: HTTP " + post.statusCode()
                    + " Location: " + location);
        }
        return millis;
    }

    /**
     * Loads {@code route} as a fresh browser tab: the page, the UI bootstrap ({@code ?v-r=init}) and the first
     * UIDL request, which renders the route. Any previously opened UI of this user is closed first.
     *
     * @param route a route without the leading slash, e.g. {@code ""} (My responsibilities) or {@code "dashboard"};
     *              may carry a query ({@code "matrix?project=3"})
     * @return wall time of the three requests in milliseconds
     */
    public double open(String route) throws IOException, InterruptedException {
        if (uiId >= 0) {
            close();
        }
        var path = pathOf(route);
        var query = queryOf(route);
        long start = System.nanoTime();

        // 1. the index.html shell (an unauthenticated session is redirected to /login here)
        var page = send(get("/" + route));
        expectStatus(page, 200, "GET /" + route);

        // 2. the UI bootstrap: creates the server-side UI, returns its id and security key (no view yet)
        var init = send(get("/?v-r=init&location=" + enc(path) + "&query=" + enc(query) + browserDetails()));
        expectStatus(init, 200, "init " + route);
        JsonNode config = parse(init.body()).path("appConfig");
        JsonNode uidl = config.path("uidl");
        if (!config.has("v-uiId") || !uidl.has("Vaadin-Security-Key")) {
            throw new IllegalStateException("Unexpected init answer for " + route + ": " + abbreviate(init.body()));
        }
        uiId = config.path("v-uiId").asInt();
        securityKey = uidl.path("Vaadin-Security-Key").asString();
        syncId = uidl.path("syncId").asInt();
        clientId = uidl.path("clientId").asInt();

        // 3. the router's first navigation (trigger "" = page load) renders the view
        roundTrip(List.of(navigateEvent(path, query, "")), true);
        this.route = route;
        return millisSince(start);
    }

    /**
     * Navigates the open UI to {@code route} as a click on a side-nav link does: one UIDL round trip with a
     * {@code ui-navigate} event.
     *
     * @return wall time of the round trip in milliseconds
     * @throws IllegalStateException if the server answered with an error, a session expiry, a synchronisation
     *                               error, or did not confirm the navigation
     */
    public double navigate(String route) throws IOException, InterruptedException {
        if (uiId < 0) {
            throw new IllegalStateException("No UI open: call open(route) first");
        }
        long start = System.nanoTime();
        roundTrip(List.of(navigateEvent(pathOf(route), queryOf(route), "client")), true);
        double millis = millisSince(start);
        this.route = route;
        return millis;
    }

    /**
     * One round trip with no RPC, as the browser's client makes right after a first render (a grid confirming its
     * first page, a resize): the server answers with a small message, which Flow then keeps as the UI's "last response"
     * (to resend if an answer is lost) instead of the whole first render.
     */
    public double ping() throws IOException, InterruptedException {
        long start = System.nanoTime();
        roundTrip(List.of(), false);
        return millisSince(start);
    }

    /** Keeps the open UI alive as the client does every {@code heartbeatInterval} (300 s). */
    public void heartbeat() throws IOException, InterruptedException {
        var response = send(request("/?v-r=heartbeat&v-uiId=" + uiId).POST(HttpRequest.BodyPublishers.noBody()));
        expectStatus(response, 200, "heartbeat");
    }

    /** Closes the open UI as a browser tab does on unload (the UNLOAD beacon), so the server drops it at once. */
    @Override
    public void close() throws IOException {
        if (uiId < 0) {
            return;
        }
        ObjectNode message = JSON.createObjectNode();
        message.put("csrfToken", securityKey);
        message.putArray("rpc");
        message.put("UNLOAD", true);
        // navigator.sendBeacon(url, string) posts text/plain; the server reads the body either way
        try {
            send(request(uidlPath())
                    .header("Content-Type", "text/plain;charset=UTF-8")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(message))));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while closing UI " + uiId, e);
        } finally {
            uiId = -1;
            route = null;
        }
    }

    public int uiId() { return uiId; }
    public int syncId() { return syncId; }
    public String route() { return route; }
    /** The page title the server set in the last navigation ({@code @PageTitle}), or null. */
    public String lastTitle() { return lastTitle; }
    /** The last UIDL answer, for checks of one's own. */
    public JsonNode lastResponse() { return lastResponse; }

    /** The session cookies as one {@code Cookie} header, for requests of one's own (downloads, uploads). */
    public String cookieHeader() {
        var header = new StringBuilder();
        cookies.forEach((name, value) -> header.append(header.isEmpty() ? "" : "; ").append(name).append('=').append(value));
        return header.toString();
    }

    /** Drops the last answer (a dashboard's is ~200 KB): heap measured in a JVM that also runs the server stays the server's. */
    public void forgetResponse() { lastResponse = null; }

    // ---------------------------------------------------------------------------------------------------------

    /** The rpc the router sends for a server route; node 1 is the UI's root element, which listens to it. */
    private static ObjectNode navigateEvent(String path, String query, String trigger) {
        ObjectNode rpc = JSON.createObjectNode();
        rpc.put("type", "event");
        rpc.put("node", 1);
        rpc.put("event", "ui-navigate");
        ObjectNode data = rpc.putObject("data");
        data.put("route", path);
        data.put("query", query);
        data.put("appShellTitle", "");   // document.title of the app shell; Demarc's index.html has none
        data.putNull("historyState");    // window.history.state; only passed on to History listeners
        data.put("trigger", trigger);    // "" page load, "client" click on an <a>, "link" router-link, "history" back
        return rpc;
    }

    /** One UIDL request with {@code rpcs}; checks the answer and advances syncId/clientId. */
    private JsonNode roundTrip(List<ObjectNode> rpcs, boolean navigation) throws IOException, InterruptedException {
        ObjectNode message = JSON.createObjectNode();
        message.put("csrfToken", securityKey);
        message.putArray("rpc").addAll(rpcs);
        message.put("syncId", syncId);
        message.put("clientId", clientId);
        var response = send(request(uidlPath())
                .header("Content-Type", "application/json; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(message))));
        expectStatus(response, 200, "UIDL");
        JsonNode answer = parse(response.body());
        lastResponse = answer;

        JsonNode meta = answer.path("meta");
        if (meta.path("sessionExpired").asBoolean(false)) {
            throw new IllegalStateException("Session expired / UI " + uiId + " unknown to the server");
        }
        if (meta.has("appError")) {
            JsonNode error = meta.path("appError");
            throw new IllegalStateException("Server error: " + error.path("caption").asString("(no caption)")
                    + " - " + error.path("message").asString("") + " (syncId " + answer.path("syncId").asInt() + ")");
        }
        if (answer.path("resynchronize").asBoolean(false) || meta.path("resynchronize").asBoolean(false)) {
            throw new IllegalStateException("Server asked for a resynchronisation");
        }
        int newSyncId = answer.path("syncId").asInt(-1);
        int newClientId = answer.path("clientId").asInt(-1);
        if (newSyncId != syncId + 1 || newClientId != clientId + 1) {
            throw new IllegalStateException("Out of sequence: sent syncId " + syncId + "/clientId " + clientId
                    + ", got syncId " + newSyncId + "/clientId " + newClientId);
        }
        syncId = newSyncId;
        clientId = newClientId;

        if (navigation) {
            // execute entries are [arg0, ..., argN, script]; the router container gets serverConnected(cancel)
            Boolean cancelled = null;
            String title = null;
            for (JsonNode call : answer.path("execute")) {
                String script = call.path(call.size() - 1).asString("");
                if (script.contains("serverConnected(")) {
                    cancelled = call.path(0).asBoolean(true);
                } else if (script.contains("document.title") && call.path(0).isString()) {
                    title = call.path(0).asString();
                }
            }
            if (cancelled == null || cancelled) {
                throw new IllegalStateException("Navigation " + (cancelled == null ? "not confirmed" : "cancelled")
                        + " by the server: " + abbreviate(response.body()));
            }
            lastTitle = title;
        }
        return answer;
    }

    /** What Flow.ts collects in collectBrowserDetails(), for a 1920×1080 desktop in UTC. */
    private String browserDetails() {
        var details = new LinkedHashMap<String, Object>();
        details.put("v-sh", 1080);
        details.put("v-sw", 1920);
        details.put("v-wh", 960);
        details.put("v-ww", 1920);
        details.put("v-bh", 960);
        details.put("v-bw", 1920);
        details.put("v-curdate", System.currentTimeMillis());
        details.put("v-tzo", 0);
        details.put("v-dstd", 0);
        details.put("v-rtzo", 0);
        details.put("v-dston", false);
        details.put("v-tzid", "UTC");
        details.put("v-wn", "v-" + Math.random());
        details.put("v-td", false);
        details.put("v-pr", 1);
        details.put("v-np", "Linux x86_64");
        details.put("v-cs", "");
        details.put("v-pv", "visible");
        details.put("v-fs", "");
        details.put("v-so", "landscape-primary");
        details.put("v-soa", 0);
        details.put("v-tn", "lumo");
        details.put("v-ws", false);
        var query = new StringBuilder();
        details.forEach((key, value) -> query.append('&').append(key).append('=').append(enc(String.valueOf(value))));
        return query.toString();
    }

    private String uidlPath() {
        return "/?v-r=uidl&v-uiId=" + uiId;
    }

    private HttpRequest.Builder get(String path) {
        return request(path).GET();
    }

    private HttpRequest.Builder request(String path) {
        var builder = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(TIMEOUT);
        if (!cookies.isEmpty()) {
            var header = new StringBuilder();
            cookies.forEach((name, value) -> header.append(header.isEmpty() ? "" : "; ").append(name).append('=').append(value));
            builder.header("Cookie", header.toString());
        }
        return builder;
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        var response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        for (String setCookie : response.headers().allValues("Set-Cookie")) {
            String pair = setCookie.split(";", 2)[0];
            int eq = pair.indexOf('=');
            if (eq > 0) {
                String name = pair.substring(0, eq).trim();
                String value = pair.substring(eq + 1).trim();
                boolean expired = setCookie.toLowerCase(java.util.Locale.ROOT).contains("max-age=0");
                if (expired || value.isEmpty()) {
                    cookies.remove(name);
                } else {
                    cookies.put(name, value);
                }
            }
        }
        return response;
    }

    private static JsonNode parse(String body) {
        // Flow 25 answers bare JSON; older clients' "for(;;);[...]" wrapping is accepted too
        String json = body.startsWith("for(;;);") ? body.substring(8) : body;
        JsonNode node = JSON.readTree(json);
        return node.isArray() && !node.isEmpty() ? node.get(0) : node;
    }

    private static void expectStatus(HttpResponse<String> response, int status, String what) {
        if (response.statusCode() != status) {
            throw new IllegalStateException(what + ": HTTP " + response.statusCode()
                    + response.headers().firstValue("Location").map(l -> " -> " + l).orElse("")
                    + " " + abbreviate(response.body()));
        }
    }

    private static String pathOf(String route) {
        int q = route.indexOf('?');
        return q < 0 ? route : route.substring(0, q);
    }

    private static String queryOf(String route) {
        int q = route.indexOf('?');
        return q < 0 ? "" : route.substring(q + 1);
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static double millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000.0;
    }

    private static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "…";
    }

    /**
     * Smoke run: {@code baseUrl user password [rounds]}. Signs in, opens the start page, navigates to the
     * dashboard and back {@code rounds} times, prints every round trip, closes the UI. Bounded and local only.
     */
    public static void main(String[] args) throws Exception {
        String baseUrl = args.length > 0 ? args[0] : "http://localhost:8080";
        String user = args.length > 1 ? args[1] : "manager";
        String password = args.length > 2 ? args[2] : "demarc-demo-2026";
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 5;
        try (var browser = new VaadinHttpUser(baseUrl)) {
            System.out.printf("login %-28s %8.1f ms%n", user, browser.login(user, password));
            System.out.printf("open  %-28s %8.1f ms  uiId=%d title=%s%n", "\"\"", browser.open(""),
                    browser.uiId(), browser.lastTitle());
            for (int i = 0; i < rounds; i++) {
                for (String route : new String[] {"dashboard", ""}) {
                    double millis = browser.navigate(route);
                    System.out.printf("nav   %-28s %8.1f ms  syncId=%d title=%s%n", "\"" + route + "\"", millis,
                            browser.syncId(), browser.lastTitle());
                }
            }
        }
    }
}
