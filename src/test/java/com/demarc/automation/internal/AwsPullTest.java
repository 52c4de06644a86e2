package com.demarc.automation.internal;

import com.demarc.automation.AutomationService;
import com.demarc.automation.CheckResult;
import com.demarc.automation.CheckSource;
import com.demarc.automation.CheckStatus;
import com.demarc.automation.PullSettings;
import com.demarc.automation.ResultFiles;
import com.demarc.project.Project;
import com.demarc.support.DemarcTest;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.test.context.support.WithUserDetails;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scheduled pull with the real AWS SDK (Security Hub, Config, STS clients and their retry policy, SigV4 signing)
 * against a local HTTP server answering as AWS documents its APIs: Security Hub's REST-JSON GetFindings in two pages
 * with a 429 TooManyRequestsException between them, Config's JSON 1.1 calls with a 400 ThrottlingException and two
 * pages, STS AssumeRole's XML (and its AccessDenied for a wrong external id), and an account throttled beyond the
 * retries. The results go through the real import into the test database.
 */
@DemarcTest
@WithUserDetails("manager")
class AwsPullTest {
    static final String BASE_KEY = "AKIDEXAMPLEBASE00001";
    static final String ROLE_KEY = "ASIAEXAMPLEROLE00002";
    static final Instant SEEN = Instant.now().minus(Duration.ofHours(2)).truncatedTo(ChronoUnit.SECONDS);

    @Autowired
    AwsPull pull;
    @Autowired
    AutomationService automation;
    @Autowired
    ResultFiles files;
    @Autowired
    JdbcClient jdbc;

    final JsonMapper json = JsonMapper.builder().build();
    final List<String> requests = new CopyOnWriteArrayList<>();
    final Map<String, AtomicInteger> throttles = new ConcurrentHashMap<>();
    HttpServer server;
    String plain;     // default credentials, region eu-west-1: findings in two pages, Config results
    String assumed;   // AssumeRole with the right external id
    String refused;   // AssumeRole with a wrong external id
    String throttled; // Security Hub answers 429 beyond the SDK's retries

    @BeforeEach
    void start() throws IOException {
        plain = ResultFiles.randomAccount();
        assumed = ResultFiles.randomAccount();
        refused = ResultFiles.randomAccount();
        throttled = ResultFiles.randomAccount();
        throttles.put("findings-page-2", new AtomicInteger(1));
        throttles.put("config-details", new AtomicInteger(1));
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::answer);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    PullSettings settings() {
        return new PullSettings(true, "-", "us-east-1", URI.create("http://127.0.0.1:" + server.getAddress().getPort()),
                Duration.ofSeconds(10), 50, true, List.of(
                new PullSettings.Account(plain, null, null, "eu-west-1"),
                new PullSettings.Account(assumed, "arn:aws:iam::" + assumed + ":role/demarc-reader", "demarc-7f3a", null),
                new PullSettings.Account(refused, "arn:aws:iam::" + refused + ":role/demarc-reader", "not-the-one", null)));
    }

    @Test
    void pullsPagesThroughThrottlingAndAssumedRolesIntoOneImportPerProjectAndRecordsFailures() {
        Project plainProject = files.project("Payments", "Pull", plain);
        Project assumedProject = files.project("Payments", "Pull role", assumed);
        Project refusedProject = files.project("Data Platform", "Pull refused", refused);
        Project throttledProject = files.project("Data Platform", "Pull throttled", throttled);
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create(BASE_KEY, "base-secret"));

        var outcome = pull.run(settings(), credentials);

        // two pages and a throttled call between them, retried by the SDK
        var plainRun = outcome.accounts().get(plain);
        assertThat(plainRun.succeeded()).as(plainRun.message()).isTrue();
        assertThat(plainRun.findings()).isEqualTo(3);
        assertThat(plainRun.configResults()).as("two pages of one rule").isEqualTo(2);
        assertThat(requests.stream().filter(r -> r.startsWith("securityhub " + plain + " page-2")).count())
                .as("429, then the retry").isEqualTo(2);
        assertThat(requests.stream().filter(r -> r.startsWith("config details eu-west-1 cfg-2")).count()).isEqualTo(1);
        assertThat(imports(plainProject)).as("one import per project and source").containsExactlyInAnyOrder(
                "SECURITY_HUB_ASFF", "CONFIG_EVALUATIONS");
        var results = automation.results(plainProject.id());
        assertThat(status(results, CheckSource.SECURITY_HUB, "IAM.6")).isEqualTo(CheckStatus.FAILED);
        assertThat(status(results, CheckSource.SECURITY_HUB, "EC2.19")).isEqualTo(CheckStatus.PASSED);
        assertThat(status(results, CheckSource.SECURITY_HUB, "CloudTrail.1")).isEqualTo(CheckStatus.PASSED);
        assertThat(status(results, CheckSource.CONFIG, "ROOT_ACCOUNT_MFA_ENABLED")).isEqualTo(CheckStatus.FAILED);
        var iam6 = results.stream().filter(r -> r.checkId().equals("IAM.6")).findFirst().orElseThrow();
        assertThat(iam6.failingResources()).contains("AWS::::Account:" + plain);

        // the filters sent: this account, ACTIVE records, a compliance status
        String filters = requests.stream().filter(r -> r.startsWith("securityhub " + plain + " first")).findFirst().orElseThrow();
        assertThat(filters).contains("\"RecordState\":[{\"Value\":\"ACTIVE\",\"Comparison\":\"EQUALS\"}]")
                .contains("\"ComplianceStatus\"").contains(BASE_KEY);

        // STS AssumeRole with the external id; Security Hub then signed with the role's session credentials
        var assumedRun = outcome.accounts().get(assumed);
        assertThat(assumedRun.succeeded()).as(assumedRun.message()).isTrue();
        assertThat(requests).anyMatch(r -> r.startsWith("sts") && r.contains("ExternalId=demarc-7f3a")
                && r.contains("RoleArn=arn:aws:iam::" + assumed + ":role/demarc-reader"));
        assertThat(requests).anyMatch(r -> r.startsWith("securityhub " + assumed) && r.contains(ROLE_KEY)
                && r.contains("token=session-token-" + assumed));
        assertThat(status(automation.results(assumedProject.id()), CheckSource.SECURITY_HUB, "IAM.6")).isEqualTo(CheckStatus.PASSED);

        // a wrong external id: a clear failure recorded, nothing imported, Security Hub never called
        var refusedRun = outcome.accounts().get(refused);
        assertThat(refusedRun.succeeded()).isFalse();
        assertThat(refusedRun.message()).contains("Could not assume role arn:aws:iam::" + refused + ":role/demarc-reader")
                .contains("AccessDenied").contains("external-id").contains("Nothing was imported");
        assertThat(imports(refusedProject)).isEmpty();
        assertThat(requests).noneMatch(r -> r.startsWith("securityhub " + refused));

        // throttled beyond the SDK's retries: reported, nothing imported
        var throttledRun = outcome.accounts().get(throttled);
        assertThat(throttledRun.succeeded()).isFalse();
        assertThat(throttledRun.message()).contains("throttling").contains("TooManyRequestsException").contains("next run");
        assertThat(requests.stream().filter(r -> r.startsWith("securityhub " + throttled)).count())
                .as("the SDK's standard policy: 3 attempts").isEqualTo(3);
        assertThat(imports(throttledProject)).isEmpty();
        assertThat(outcome.failed()).isGreaterThanOrEqualTo(2);

        assertThat(jdbc.sql("select outcome || ': ' || message from automation_pull_run where account_id = :a")
                .param("a", refused).query(String.class).single()).startsWith("FAILED: Could not assume role");
        assertThat(jdbc.sql("select findings from automation_pull_run where account_id = :a and outcome = 'SUCCEEDED'")
                .param("a", plain).query(Integer.class).single()).isEqualTo(3);

        // the next night the same findings again: nothing new imported
        throttles.put("findings-page-2", new AtomicInteger(0));
        throttles.put("config-details", new AtomicInteger(0));
        var again = pull.run(settings(), credentials);
        assertThat(again.accounts().get(plain).succeeded()).isTrue();
        assertThat(again.accounts().get(plain).imported()).isZero();
        assertThat(imports(plainProject)).hasSize(2);
    }

    private List<String> imports(Project p) {
        return jdbc.sql("select format from automation_import where project_id = :p").param("p", p.id().value())
                .query(String.class).list();
    }

    private static CheckStatus status(List<CheckResult> results, CheckSource source, String check) {
        return results.stream().filter(r -> r.source() == source && r.checkId().equals(check)).findFirst()
                .map(CheckResult::status).orElse(null);
    }

    // --- the fake AWS endpoint

    private void answer(HttpExchange x) throws IOException {
        String body = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String auth = x.getRequestHeaders().getFirst("Authorization");
        String key = auth == null ? "" : auth.replaceFirst(".*Credential=([^/]+)/.*", "$1");
        String region = auth == null ? "" : auth.replaceFirst(".*Credential=[^/]+/[^/]+/([^/]+)/.*", "$1");
        String token = x.getRequestHeaders().getFirst("X-Amz-Security-Token");
        String target = x.getRequestHeaders().getFirst("X-Amz-Target");
        if (x.getRequestURI().getPath().equals("/findings")) {
            JsonNode request = json.readTree(body);
            String account = request.path("Filters").path("AwsAccountId").path(0).path("Value").asString();
            String next = request.path("NextToken").asString("first");
            requests.add("securityhub " + account + " " + next + " " + body + " key=" + key + " token=" + token);
            securityHub(x, account, next, key);
        } else if (target != null && target.startsWith("StarlingDoveService.")) {
            String next = json.readTree(body).path("NextToken").asString("first");
            boolean details = target.endsWith("GetComplianceDetailsByConfigRule");
            requests.add("config " + (details ? "details " : "rules ") + region + " " + next + " key=" + key);
            config(x, details, next, "eu-west-1".equals(region) && BASE_KEY.equals(key) ? plain : ROLE_KEY.equals(key) ? assumed : null);
        } else if (body.contains("Action=AssumeRole")) {
            String decoded = URLDecoder.decode(body, StandardCharsets.UTF_8);
            requests.add("sts " + decoded);
            sts(x, decoded);
        } else {
            send(x, 404, "application/json", "{\"message\":\"not an API of this test\"}", Map.of());
        }
    }

    private void securityHub(HttpExchange x, String account, String next, String key) throws IOException {
        if (account.equals(throttled) || (account.equals(plain) && next.equals("page-2")
                && throttles.get("findings-page-2").getAndDecrement() > 0)) {
            send(x, 429, "application/json", "{\"Code\":\"TooManyRequestsException\",\"Message\":\"Rate exceeded\"}",
                    Map.of("x-amzn-ErrorType", "TooManyRequestsException"));
            return;
        }
        String findings;
        String nextToken = null;
        if (account.equals(plain) && next.equals("first")) {
            findings = finding(account, "IAM.6", "FAILED", "AwsAccount", "AWS::::Account:" + account) + ","
                    + finding(account, "EC2.19", "PASSED", "AwsEc2SecurityGroup",
                    "arn:aws:ec2:eu-west-1:" + account + ":security-group/sg-0a1b2c3d4e5f67890");
            nextToken = "page-2";
        } else if (account.equals(plain)) {
            findings = finding(account, "CloudTrail.1", "PASSED", "AwsAccount", "AWS::::Account:" + account);
        } else if (account.equals(assumed) && key.equals(ROLE_KEY)) {
            findings = finding(account, "IAM.6", "PASSED", "AwsAccount", "AWS::::Account:" + account);
        } else {
            findings = "";
        }
        send(x, 200, "application/json", "{\"Findings\":[" + findings + "]"
                + (nextToken == null ? "" : ",\"NextToken\":\"" + nextToken + "\"") + "}", Map.of());
    }

    /** An ASFF finding of Security Hub's consolidated control findings, as GetFindings returns it. */
    private static String finding(String account, String control, String status, String type, String resource) {
        String region = "eu-west-1";
        return """
                {"SchemaVersion":"2018-10-08",
                 "Id":"arn:aws:securityhub:%2$s:%1$s:security-control/%3$s/finding/%6$s",
                 "ProductArn":"arn:aws:securityhub:%2$s::product/aws/securityhub",
                 "ProductName":"Security Hub","CompanyName":"AWS","Region":"%2$s",
                 "GeneratorId":"security-control/%3$s","AwsAccountId":"%1$s",
                 "Types":["Software and Configuration Checks/Industry and Regulatory Standards"],
                 "FirstObservedAt":"%7$s","LastObservedAt":"%7$s","CreatedAt":"%7$s","UpdatedAt":"%7$s",
                 "Severity":{"Label":"HIGH","Normalized":70,"Original":"HIGH"},
                 "Title":"%3$s check","Description":"Security Hub control %3$s",
                 "ProductFields":{"aws/securityhub/ProductName":"Security Hub","aws/securityhub/CompanyName":"AWS"},
                 "Resources":[{"Type":"%5$s","Id":"%8$s","Partition":"aws","Region":"%2$s"}],
                 "Compliance":{"Status":"%4$s","SecurityControlId":"%3$s",
                               "AssociatedStandards":[{"StandardsId":"standards/aws-foundational-security-best-practices/v/1.0.0"}]},
                 "WorkflowState":"NEW","Workflow":{"Status":"NEW"},"RecordState":"ACTIVE"}"""
                .formatted(account, region, control, status, type,
                        java.util.UUID.nameUUIDFromBytes((account + control).getBytes(StandardCharsets.UTF_8)),
                        SEEN.toString(), resource);
    }

    private void config(HttpExchange x, boolean details, String next, String account) throws IOException {
        if (!details) {
            String rules = account == null ? "" : "{\"ConfigRuleName\":\"root-account-mfa-enabled\","
                    + "\"Compliance\":{\"ComplianceType\":\"NON_COMPLIANT\"}}";
            send(x, 200, "application/x-amz-json-1.1", "{\"ComplianceByConfigRules\":[" + rules + "]}", Map.of());
            return;
        }
        if (throttles.get("config-details").getAndDecrement() > 0) {
            send(x, 400, "application/x-amz-json-1.1", "{\"__type\":\"ThrottlingException\",\"message\":\"Rate exceeded\"}", Map.of());
            return;
        }
        long t = SEEN.getEpochSecond();
        String result = """
                {"EvaluationResultIdentifier":{"EvaluationResultQualifier":{"ConfigRuleName":"root-account-mfa-enabled",
                   "ResourceType":"AWS::::Account","ResourceId":"%s"},"OrderingTimestamp":%s},
                 "ComplianceType":"%s","ResultRecordedTime":%s,"ConfigRuleInvokedTime":%s}""";
        if (next.equals("first")) {
            send(x, 200, "application/x-amz-json-1.1", "{\"EvaluationResults\":[" + result.formatted(account, t,
                    "NON_COMPLIANT", t + ".5", t) + "],\"NextToken\":\"cfg-2\"}", Map.of());
        } else {
            send(x, 200, "application/x-amz-json-1.1", "{\"EvaluationResults\":[" + result.formatted(account + "-eu", t,
                    "COMPLIANT", t + ".5", t) + "]}", Map.of());
        }
    }

    private void sts(HttpExchange x, String request) throws IOException {
        String account = request.replaceFirst(".*RoleArn=arn:aws:iam::(\\d+):.*", "$1");
        if (!request.contains("ExternalId=demarc-7f3a")) {
            send(x, 403, "text/xml", """
                    <ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
                      <Error><Type>Sender</Type><Code>AccessDenied</Code><Message>User: arn:aws:iam::111122223333:user/demarc \
                    is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::%s:role/demarc-reader</Message></Error>
                      <RequestId>c6104cbe-af31-11e0-8154-cbc7ccf896c7</RequestId>
                    </ErrorResponse>""".formatted(account), Map.of());
            return;
        }
        send(x, 200, "text/xml", """
                <AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
                  <AssumeRoleResult>
                    <AssumedRoleUser>
                      <Arn>arn:aws:sts::%1$s:assumed-role/demarc-reader/demarc-pull</Arn>
                      <AssumedRoleId>AROA3XFRBF535PLBIFPI4:demarc-pull</AssumedRoleId>
                    </AssumedRoleUser>
                    <Credentials>
                      <AccessKeyId>%2$s</AccessKeyId>
                      <SecretAccessKey>wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY</SecretAccessKey>
                      <SessionToken>session-token-%1$s</SessionToken>
                      <Expiration>%3$s</Expiration>
                    </Credentials>
                    <PackedPolicySize>6</PackedPolicySize>
                  </AssumeRoleResult>
                  <ResponseMetadata><RequestId>c6104cbe-af31-11e0-8154-cbc7ccf896c8</RequestId></ResponseMetadata>
                </AssumeRoleResponse>""".formatted(account, ROLE_KEY, Instant.now().plus(Duration.ofHours(1))
                .truncatedTo(ChronoUnit.SECONDS)), Map.of());
    }

    private static void send(HttpExchange x, int status, String type, String body, Map<String, String> headers) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().set("Content-Type", type);
        x.getResponseHeaders().set("x-amzn-RequestId", java.util.UUID.randomUUID().toString());
        headers.forEach((k, v) -> x.getResponseHeaders().set(k, v));
        x.sendResponseHeaders(status, bytes.length);
        try (var out = x.getResponseBody()) {
            out.write(bytes);
        }
    }
}
