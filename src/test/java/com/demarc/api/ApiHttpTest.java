package com.demarc.api;

import com.demarc.organization.OrganizationService;
import com.demarc.organization.TeamId;
import com.demarc.organization.UserId;
import com.demarc.project.Project;
import com.demarc.project.ProjectControl;
import com.demarc.shared.Actors;
import com.demarc.shared.DemarcUser;
import com.demarc.shared.Role;
import com.demarc.support.Fixtures;
import com.demarc.support.TestDatabaseConfiguration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The REST API as a script uses it: plain HTTP (JDK HttpClient) against the running app on a random port, with real
 * tokens created through {@link ApiTokenService}; no mocked security. Every response is checked for a session cookie
 * (there must never be one) and every error for an RFC 9457 problem that says what to do.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"demarc.api.rate-limit-requests=40", "demarc.api.rate-limit-period=1h",
                "demarc.evidence.max-file-size=64KB",
                "demarc.automation.max-file-size=256KB"})
@ActiveProfiles({"test", "demo"})
@Import(TestDatabaseConfiguration.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiHttpTest {
    @LocalServerPort
    int port;
    @Autowired
    ApiTokenService tokens;
    @Autowired
    OrganizationService organization;
    @Autowired
    UserDetailsService userDetails;
    @Autowired
    Fixtures fixtures;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    com.demarc.automation.ResultFiles resultFiles;

    final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10)).build();
    final JsonMapper json = JsonMapper.builder().build();
    final List<HttpResponse<?>> responses = new ArrayList<>();
    Project payments;
    Project dataPlatform;

    @BeforeAll
    void projects() {
        payments = fixtures.project("Payments", "API", "EC2", "S3");
        dataPlatform = fixtures.project("Data Platform", "API other", "S3");
    }

    @Test
    void memberReadsControlsChangesStatusAndGets409OnAStaleVersion() throws Exception {
        String alice = pat("alice");
        var page = get("/api/v1/projects?limit=500", alice);
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        var teams = new ArrayList<String>();
        json.readTree(page.body()).path("items").forEach(p -> teams.add(p.path("teamName").asString()));
        assertThat(teams).as("a member's token sees their team's projects only").isNotEmpty().containsOnly("Payments");

        var controls = json.readTree(get("/api/v1/projects/" + payments.id().value() + "/controls?q=SRM-IAM-01", alice).body());
        JsonNode row = controls.path("items").get(0);
        assertThat(row.path("code").asString()).isEqualTo("SRM-IAM-01");
        assertThat(row.path("owner").asString()).isIn("CUSTOMER", "SHARED");
        assertThat(row.has("raci") && row.path("raci").has("accountable")).isTrue();
        long id = row.path("id").asLong();
        long version = row.path("version").asLong();

        var changed = send("PUT", "/api/v1/controls/" + id + "/status", alice,
                "{\"status\":\"IN_PROGRESS\",\"version\":" + version + ",\"notes\":\"from CI\"}");
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        assertThat(json.readTree(changed.body()).path("status").asString()).isEqualTo("IN_PROGRESS");
        assertThat(json.readTree(changed.body()).path("updatedBy").asString()).isEqualTo("alice");

        String bob = pat("manager");
        var stale = send("PUT", "/api/v1/controls/" + id + "/status", bob,
                "{\"status\":\"IMPLEMENTED\",\"version\":" + version + "}");
        assertProblem(stale, 409, "alice");
        assertThat(json.readTree(stale.body()).path("changedBy").asString()).isEqualTo("alice");
        assertThat(json.readTree(stale.body()).path("currentVersion").asLong()).isGreaterThan(version);
        assertThat(json.readTree(get("/api/v1/controls/" + id, alice).body()).path("status").asString())
                .as("nothing written by the stale change").isEqualTo("IN_PROGRESS");

        assertProblem(send("PUT", "/api/v1/controls/" + id + "/status", alice, "{\"status\": \"IMPL"), 400, "not valid JSON");
        assertProblem(send("PUT", "/api/v1/controls/" + id + "/status", alice, "{\"status\":\"DONE\",\"version\":1}"), 422, "Unknown status");
        assertProblem(send("PUT", "/api/v1/controls/" + id + "/status", alice, "{\"status\":\"NOT_APPLICABLE\",\"version\":"
                + (version + 1) + "}"), 422, "justification");
        var text = http.send(request("/api/v1/controls/" + id + "/status", alice)
                .header("Content-Type", "text/plain").PUT(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
        responses.add(text);
        assertProblem(text, 415, "Content-Type");
        assertProblem(get("/api/v1/nothing-here", alice), 404, "api-docs");
        assertProblem(get("/api/v1/controls/999999999", alice), 404, "controls");
    }

    @Test
    void uploadListDownloadLinkAndCoverage() throws Exception {
        String alice = pat("alice");
        ProjectControl control = fixtures.row(payments, "SRM-IAM-02");
        byte[] content = "Access review 2026-Q4: 14 accounts, 2 removed.\n".getBytes(StandardCharsets.UTF_8);
        var up = http.send(request("/api/v1/controls/" + control.id().value() + "/evidence/files?fileName=access-review.txt&title=Access%20review", alice)
                .header("Content-Type", "application/octet-stream").POST(HttpRequest.BodyPublishers.ofByteArray(content)).build(),
                HttpResponse.BodyHandlers.ofString());
        responses.add(up);
        assertThat(up.statusCode()).as(up.body()).isEqualTo(201);
        JsonNode item = json.readTree(up.body());
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        assertThat(item.path("versions").get(0).path("sha256").asString()).isEqualTo(sha);
        assertThat(item.path("versions").get(0).path("reviewState").asString()).isEqualTo("SUBMITTED");

        var list = json.readTree(get("/api/v1/controls/" + control.id().value() + "/evidence", alice).body());
        assertThat(list.get(0).path("title").asString()).isEqualTo("Access review");
        String download = list.get(0).path("versions").get(0).path("download").asString();
        var file = http.send(request(download, alice).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        responses.add(file);
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(file.body()).isEqualTo(content);
        assertThat(file.headers().firstValue("X-Evidence-SHA256")).contains(sha);

        var link = send("POST", "/api/v1/controls/" + control.id().value() + "/evidence/links", alice,
                "{\"title\":\"Ticket\",\"url\":\"https://jira.example.com/browse/SEC-12\"}");
        assertThat(link.statusCode()).as(link.body()).isEqualTo(201);
        assertProblem(send("POST", "/api/v1/controls/" + control.id().value() + "/evidence/links", alice,
                "{\"title\":\"Ticket\",\"url\":\"ftp://x\"}"), 422, "http");

        var exe = http.send(request("/api/v1/controls/" + control.id().value() + "/evidence/files?fileName=tool.exe", alice)
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[]{'M', 'Z', 0, 0})).build(), HttpResponse.BodyHandlers.ofString());
        responses.add(exe);
        assertProblem(exe, 415, "not accepted");
        var big = http.send(request("/api/v1/controls/" + control.id().value() + "/evidence/files?fileName=big.txt", alice)
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[70 * 1024])).build(), HttpResponse.BodyHandlers.ofString());
        responses.add(big);
        assertProblem(big, 413, "limit");
        assertThat(json.readTree(get("/api/v1/controls/" + control.id().value() + "/evidence", alice).body()).size())
                .as("refused uploads leave nothing behind").isEqualTo(2);

        var coverage = get("/api/v1/projects/" + payments.id().value() + "/coverage", alice);
        assertThat(coverage.statusCode()).as(coverage.body()).isEqualTo(200);
        JsonNode total = json.readTree(coverage.body()).path("total");
        assertThat(total.path("applicable").asInt()).isGreaterThan(0);
        assertThat(total.path("noEvidence").asInt() + total.path("unowned").asInt() + total.path("notImplemented").asInt())
                .isGreaterThan(0);
        var teams = json.readTree(get("/api/v1/coverage/teams", alice).body()).path("teams");
        assertThat(teams.size()).as("a member sees their own team's coverage only").isEqualTo(1);
        assertThat(teams.get(0).path("label").asString()).isEqualTo("Payments");
        assertThat(get("/api/v1/teams/" + teams.get(0).path("key").asString() + "/coverage", alice).statusCode()).isEqualTo(200);
        assertProblem(get("/api/v1/teams/" + fixtures.team("Data Platform").value() + "/coverage", alice), 404, "scope");
    }

    @Test
    void everyRefusal() throws Exception {
        var none = http.send(request("/api/v1/projects", null).GET().build(), HttpResponse.BodyHandlers.ofString());
        responses.add(none);
        assertProblem(none, 401, "Authorization: Bearer");
        assertThat(none.headers().firstValue("WWW-Authenticate").orElse("")).startsWith("Bearer");
        assertProblem(get("/api/v1/projects", "demarc_pat_not-a-real-token"), 401, "create a new one");

        String alice = pat("alice");
        assertProblem(get("/api/v1/projects/" + dataPlatform.id().value(), alice), 403, "another team");
        assertProblem(get("/api/v1/projects/" + dataPlatform.id().value() + "/controls", alice), 403, "another team");
        assertProblem(get("/api/v1/projects/99999999", alice), 404, "GET /api/v1/projects");

        String auditor = pat("auditor");
        var row = fixtures.row(payments, "SRM-IAM-03");
        assertThat(get("/api/v1/controls/" + row.id().value(), auditor).statusCode()).isEqualTo(200);
        assertProblem(send("PUT", "/api/v1/controls/" + row.id().value() + "/status", auditor,
                "{\"status\":\"IN_PROGRESS\",\"version\":" + row.version() + "}"), 403, "role");

        var revoked = created("bob");
        assertThat(get("/api/v1/projects", revoked.secret()).statusCode()).isEqualTo(200);
        as("bob", () -> tokens.revokeMyToken(revoked.token().id()));
        assertProblem(get("/api/v1/projects", revoked.secret()), 401, "revoked");

        var expired = created("bob");
        jdbc.sql("update api_token set expires_at = now() - interval '1 minute' where id = :id").param("id", expired.token().id()).update();
        assertProblem(get("/api/v1/projects", expired.secret()), 401, "expired");

        // a password reset ends the tokens made before it, as it ends sessions
        var person = newMember();
        var personal = createdAs(person);
        assertThat(get("/api/v1/projects", personal.secret()).statusCode()).isEqualTo(200);
        as("admin", () -> organization.resetPassword(new UserId(person.id()), "Another-Long-Horse-Battery-93!"));
        assertProblem(get("/api/v1/projects", personal.secret()), 401, "create a new token");

        // the audit log has the refusals
        assertThat(jdbc.sql("select count(*) from audit_log where action = 'API_REFUSED' and summary like '%revoked token%'")
                .query(Integer.class).single()).isPositive();
    }

    @Test
    void serviceAccountsAreTeamScopedAndRevocable() throws Exception {
        var team = fixtures.team("Payments");
        var member = asManager(() -> tokens.createServiceAccount(team, "CI " + UUID.randomUUID().toString().substring(0, 6),
                Role.MEMBER, LocalDate.now().plusDays(30)));
        assertThat(member.secret()).startsWith("demarc_svc_");
        assertThat(get("/api/v1/projects/" + payments.id().value(), member.secret()).statusCode()).isEqualTo(200);
        assertProblem(get("/api/v1/projects/" + dataPlatform.id().value(), member.secret()), 403, "another team");
        var row = fixtures.row(payments, "SRM-IAM-04");
        var changed = send("PUT", "/api/v1/controls/" + row.id().value() + "/status", member.secret(),
                "{\"status\":\"IN_PROGRESS\",\"version\":" + row.version() + "}");
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);

        var reader = asManager(() -> tokens.createServiceAccount(team, "Reader " + UUID.randomUUID().toString().substring(0, 6),
                Role.AUDITOR, LocalDate.now().plusDays(30)));
        assertThat(get("/api/v1/projects/" + payments.id().value() + "/controls", reader.secret()).statusCode()).isEqualTo(200);
        assertProblem(get("/api/v1/projects/" + dataPlatform.id().value(), reader.secret()), 403, "another team");
        var fresh = fixtures.row(payments, "SRM-IAM-05");
        assertProblem(send("PUT", "/api/v1/controls/" + fresh.id().value() + "/status", reader.secret(),
                "{\"status\":\"IN_PROGRESS\",\"version\":" + fresh.version() + "}"), 403, "role");

        asManager(() -> {
            tokens.revokeServiceAccount(member.token().id());
            return null;
        });
        assertProblem(get("/api/v1/projects", member.secret()), 401, "revoked");
        assertThat(jdbc.sql("select password_hash is null and source = 'SERVICE' and not enabled from app_user where id = :id")
                .param("id", member.token().userId()).query(Boolean.class).single()).as("no password, disabled").isTrue();
    }

    @Test
    void rateLimitedPerTokenWithRetryAfter() throws Exception {
        String limited = pat("bob");
        String other = pat("bob");
        int ok = 0;
        HttpResponse<String> last = null;
        for (int i = 0; i < 45; i++) {
            last = get("/api/v1/projects?limit=1", limited);
            if (last.statusCode() == 200) {
                ok++;
            } else {
                break;
            }
        }
        assertThat(ok).isEqualTo(40);
        assertProblem(last, 429, "Retry-After");
        assertThat(Long.parseLong(last.headers().firstValue("Retry-After").orElseThrow())).isPositive();
        assertThat(get("/api/v1/projects?limit=1", other).statusCode()).as("another token has its own limit").isEqualTo(200);
    }

    @Test
    void openApiDocumentIsPublicAndNamesTheBearerScheme() throws Exception {
        var docs = http.send(HttpRequest.newBuilder(URI.create(base() + "/v3/api-docs")).GET().build(), HttpResponse.BodyHandlers.ofString());
        responses.add(docs);
        assertThat(docs.statusCode()).as(docs.body()).isEqualTo(200);
        JsonNode doc = json.readTree(docs.body());
        assertThat(doc.path("openapi").asString()).startsWith("3.");
        assertThat(doc.path("components").path("securitySchemes").path("bearer").path("scheme").asString()).isEqualTo("bearer");
        assertThat(doc.path("paths").has("/api/v1/controls/{controlId}/status")).isTrue();
        assertThat(doc.path("paths").has("/api/v1/projects/{projectId}/coverage")).isTrue();
        assertThat(doc.path("paths").path("/api/v1/projects/{projectId}/findings").has("post")).isTrue();
        assertThat(doc.path("paths").path("/api/v1/findings").path("post").path("parameters").toString()).contains("format");
        var ui = http.send(HttpRequest.newBuilder(URI.create(base() + "/swagger-ui/index.html")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(ui.statusCode()).isEqualTo(200);
        assertThat(ui.body()).contains("swagger");
    }

    /**
     * With {@code server.forward-headers-strategy} at its default ({@code none}: no proxy in front) forwarded headers
     * are nobody's word: a client claiming another address and https is audited with its own address and gets no HSTS.
     * The trusted case (behind nginx, {@code native}) is in {@code ClusterIT}.
     */
    @Test
    void forwardedHeadersAreIgnoredWithoutTheSetting() throws Exception {
        String path = "/api/v1/forwarded-" + UUID.randomUUID();
        var response = http.send(HttpRequest.newBuilder(URI.create(base() + path))
                .header("Authorization", "Bearer demarc_pat_forwarded_probe").header("X-Forwarded-For", "203.0.113.7")
                .header("X-Forwarded-Proto", "https").header("X-Forwarded-Host", "demarc.example.com").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        responses.add(response);
        assertProblem(response, 401, "not a Demarc API token");
        assertThat(response.headers().firstValue("Strict-Transport-Security")).as("plain http stays http").isEmpty();
        var audited = jdbc.sql("select address, summary from audit_log where action = 'API_REFUSED' and summary like ?")
                .param("%" + path + "%").query((rs, n) -> rs.getString(1) + " | " + rs.getString(2)).single();
        assertThat(audited).doesNotContain("203.0.113.7").matches(".*from (127\\.0\\.0\\.1|0:0:0:0:0:0:0:1)$");
    }

    /** {@link com.demarc.AuthorizationMatrixTest#ENDPOINTS}: every endpoint × role × own/other team, over HTTP. */
    @Test
    void everyEndpointTimesEveryRoleOwnAndOtherTeam() throws Exception {
        var ownRow = fixtures.row(payments, "SRM-IAM-06");
        var otherRow = fixtures.row(dataPlatform, "SRM-IAM-06");
        long ownVersion = uploadAsManager(ownRow);
        long otherVersion = uploadAsManager(otherRow);
        var failures = new ArrayList<String>();
        for (Role role : Role.values()) {
            String token = pat(com.demarc.AuthorizationMatrixTest.USERS_BY_ROLE.get(role));
            for (var endpoint : com.demarc.AuthorizationMatrixTest.ENDPOINTS) {
                boolean allowed = endpoint.roles().contains(role);
                int own = call(endpoint, token, payments, ownRow, ownVersion, fixtures.team("Payments"));
                if (allowed ? (own == 401 || own == 403 || own >= 500) : own != 403) {
                    failures.add(endpoint + " as " + role + " on own team: " + own);
                }
                if (endpoint.scoped()) {
                    int other = call(endpoint, token, dataPlatform, otherRow, otherVersion, fixtures.team("Data Platform"));
                    boolean otherAllowed = allowed && role != Role.MEMBER;
                    if (otherAllowed ? (other == 401 || other == 403 || other == 404 || other >= 500)
                            : (other != 403 && !(allowed && other == 404))) {
                        failures.add(endpoint + " as " + role + " on other team: " + other);
                    }
                }
            }
        }
        assertThat(failures).isEmpty();
    }

    /**
     * The nightly job of README's "Findings import": {@code aws securityhub get-findings … | curl -sf -H 'Content-Type:
     * application/json' --data-binary @- …/findings}, i.e. the CLI's JSON streamed as the body; then every refusal.
     */
    @Test
    void nightlyFindingsImportAsTheDocumentedCurlCommandsSendIt() throws Exception {
        String account = com.demarc.automation.ResultFiles.randomAccount();
        var project = resultFiles.project("Payments", "Nightly", account);
        long id = project.id().value();
        var observed = java.time.Instant.now().minusSeconds(3600).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        byte[] asff = com.demarc.automation.ResultFiles.render("asff-checkout.json", account, observed, observed,
                java.util.Map.of("IAM6", "FAILED", "EC219", "PASSED"));
        String alice = pat("alice");

        var first = findings("/api/v1/projects/" + id + "/findings", alice, asff);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        JsonNode report = json.readTree(first.body());
        assertThat(report.path("format").asString()).isEqualTo("SECURITY_HUB_ASFF");
        assertThat(report.path("findingsRead").asInt()).as("two CLI pages, eight findings").isEqualTo(8);
        assertThat(report.path("imported").asInt()).isEqualTo(4);
        assertThat(report.path("archived").asInt()).isEqualTo(1);
        assertThat(report.path("otherAccountIds").get(0).asString()).isEqualTo("999988887777");
        JsonNode part = report.path("projects").get(0);
        assertThat(part.path("projectId").asLong()).isEqualTo(id);
        assertThat(part.path("importId").isNumber()).isTrue();
        assertThat(part.path("failed").asInt()).as("IAM.6").isEqualTo(1);
        assertThat(part.path("sha256").asString()).hasSize(64);
        assertThat(report.path("summary").asString()).contains("8 findings read");

        var again = json.readTree(findings("/api/v1/findings?format=asff", alice, asff).body());
        assertThat(again.path("imported").asInt()).as("the same file twice imports nothing").isZero();
        assertThat(again.path("alreadyImported").asInt()).isEqualTo(4);

        byte[] config = com.demarc.automation.ResultFiles.render("config-root-mfa.json", account, observed, observed,
                java.util.Map.of("ROOT_MFA", "NON_COMPLIANT"));
        var cfg = findings("/api/v1/projects/" + id + "/findings?format=config&fileName=config-nightly.json", alice, config);
        assertThat(cfg.statusCode()).as(cfg.body()).isEqualTo(200);
        assertThat(json.readTree(cfg.body()).path("format").asString()).isEqualTo("CONFIG_EVALUATIONS");
        assertThat(json.readTree(cfg.body()).path("imported").asInt()).isEqualTo(3);
        assertProblem(findings("/api/v1/findings", alice, config), 422, "choose the project");

        int imports = importsOf(id);
        byte[] truncated = java.util.Arrays.copyOf(asff, asff.length / 2);
        assertProblem(findings("/api/v1/projects/" + id + "/findings", alice, truncated), 422, "truncated");
        assertProblem(findings("/api/v1/projects/" + id + "/findings", alice, "<xml/>".getBytes(StandardCharsets.UTF_8)), 422, "JSON");
        assertProblem(findings("/api/v1/projects/" + id + "/findings?format=xml", alice, asff), 422, "format=asff");
        byte[] big = new byte[300 * 1024];
        java.util.Arrays.fill(big, (byte) ' ');
        big[0] = '[';
        assertProblem(findings("/api/v1/projects/" + id + "/findings", alice, big), 413, "nothing was imported");
        assertThat(twoGigabytes("/api/v1/projects/" + id + "/findings", alice)).startsWith("HTTP/1.1 413");
        assertThat(importsOf(id)).as("nothing half-imported").isEqualTo(imports);

        assertProblem(findings("/api/v1/projects/" + id + "/findings", pat("auditor"), asff), 403, "role");
        assertProblem(findings("/api/v1/projects/" + dataPlatform.id().value() + "/findings", alice, asff), 403, "team");
        assertProblem(findings("/api/v1/projects/" + id + "/findings", "demarc_pat_nope", asff), 401, "token");
    }

    private HttpResponse<String> findings(String path, String token, byte[] body) throws Exception {
        // streamed without a length, as curl --data-binary @- sends a pipe
        var response = http.send(request(path, token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        responses.add(response);
        return response;
    }

    /** A request announcing a 2 GB body (only its first bytes sent): the answer's status line. */
    private String twoGigabytes(String path, String token) throws Exception {
        try (var socket = new java.net.Socket("localhost", port)) {
            socket.setSoTimeout(30_000);
            var out = socket.getOutputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token
                    + "\r\nContent-Type: application/json\r\nContent-Length: 2147483648\r\n\r\n{\"Findings\":[")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            var reader = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            return reader.readLine();
        }
    }

    private int importsOf(long project) {
        return jdbc.sql("select count(*) from automation_import where project_id = :p").param("p", project)
                .query(Integer.class).single();
    }

    private int call(com.demarc.AuthorizationMatrixTest.Endpoint endpoint, String token, Project project,
                     ProjectControl row, long version, TeamId team) throws Exception {
        String path = endpoint.path().replace("{projectId}", String.valueOf(project.id().value()))
                .replace("{controlId}", String.valueOf(row.id().value())).replace("{versionId}", String.valueOf(version))
                .replace("{teamId}", String.valueOf(team.value()));
        var b = request(path, token);
        HttpRequest req = switch (endpoint.method()) {
            case "GET" -> b.GET().build();
            case "PUT" -> b.header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"status\":\"IN_PROGRESS\",\"version\":0}")).build();
            default -> path.endsWith("/findings")
                    ? b.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                            "{\"Findings\":[]}")).build()
                    : path.endsWith("/files")
                    ? request(path + "?fileName=matrix.txt", token).POST(HttpRequest.BodyPublishers.ofString("matrix " + UUID.randomUUID())).build()
                    : b.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                            "{\"title\":\"Matrix\",\"url\":\"https://example.com/matrix\"}")).build();
        };
        var response = http.send(req, HttpResponse.BodyHandlers.ofString());
        responses.add(response);
        return response.statusCode();
    }

    private long uploadAsManager(ProjectControl row) throws Exception {
        var up = http.send(request("/api/v1/controls/" + row.id().value() + "/evidence/files?fileName=m.txt", pat("manager"))
                .POST(HttpRequest.BodyPublishers.ofString("matrix evidence " + UUID.randomUUID())).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(up.statusCode()).as(up.body()).isEqualTo(201);
        return json.readTree(up.body()).path("versions").get(0).path("id").asLong();
    }

    @org.junit.jupiter.api.AfterAll
    void noSessionCookieWasEverSet() {
        assertThat(responses).isNotEmpty();
        for (var response : responses) {
            assertThat(response.headers().allValues("Set-Cookie")).as("Set-Cookie on " + response.uri()).isEmpty();
        }
    }

    // --- helpers

    private void assertProblem(HttpResponse<String> response, int status, String detailContains) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("title").asString()).isNotBlank();
        assertThat(problem.path("detail").asString()).containsIgnoringCase(detailContains);
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    private String pat(String username) {
        return created(username).secret();
    }

    private ApiToken.Created created(String username) {
        return createdAs((DemarcUser) userDetails.loadUserByUsername(username));
    }

    private ApiToken.Created createdAs(DemarcUser user) {
        var ref = new AtomicReference<ApiToken.Created>();
        Actors.runAs(user, () -> ref.set(tokens.createPersonalToken("test " + UUID.randomUUID(), LocalDate.now().plusDays(7))));
        return ref.get();
    }

    private DemarcUser newMember() {
        String name = "api" + UUID.randomUUID().toString().substring(0, 8);
        as("admin", () -> organization.createUser(new com.demarc.organization.UserDraft(name, "Api Person", name + "@example.com",
                true, java.util.Set.of(Role.MEMBER), java.util.Set.of(fixtures.team("Payments"))), "Long-Horse-Battery-Staple-42!"));
        return (DemarcUser) userDetails.loadUserByUsername(name);
    }

    private void as(String username, Runnable work) {
        Actors.runAs((DemarcUser) userDetails.loadUserByUsername(username), work);
    }

    private <T> T asManager(Supplier<T> work) {
        var ref = new AtomicReference<T>();
        as("manager", () -> ref.set(work.get()));
        return ref.get();
    }

    private String base() {
        return "http://localhost:" + port;
    }

    private HttpRequest.Builder request(String path, String token) {
        var b = HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(30));
        return token == null ? b : b.header("Authorization", "Bearer " + token);
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        var response = http.send(request(path, token).GET().build(), HttpResponse.BodyHandlers.ofString());
        responses.add(response);
        return response;
    }

    private HttpResponse<String> send(String method, String path, String token, String body) throws Exception {
        var response = http.send(request(path, token).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        responses.add(response);
        return response;
    }
}
