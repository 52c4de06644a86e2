package com.demarc.automation.internal;

import com.demarc.automation.AutomationService;
import com.demarc.automation.ImportReport;
import com.demarc.automation.PullSettings;
import com.demarc.automation.ResultFormat;
import com.demarc.project.AwsAccountId;
import com.demarc.project.Project;
import com.demarc.project.ProjectService;
import com.demarc.shared.Actors;
import com.demarc.shared.Role;
import com.demarc.shared.UserFacingException;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.config.ConfigClient;
import software.amazon.awssdk.services.config.model.ComplianceType;
import software.amazon.awssdk.services.config.model.EvaluationResult;
import software.amazon.awssdk.services.securityhub.SecurityHubClient;
import software.amazon.awssdk.services.securityhub.model.AwsSecurityFinding;
import software.amazon.awssdk.services.securityhub.model.AwsSecurityFindingFilters;
import software.amazon.awssdk.services.securityhub.model.StringFilter;
import software.amazon.awssdk.services.securityhub.model.StringFilterComparison;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The scheduled pull (ADR 0023): for every AWS account a project records, Security Hub {@code GetFindings} (ACTIVE
 * records with a compliance status, that account, page by page) and AWS Config's compliance per rule, with the AWS
 * SDK (its standard retry policy handles throttling; what still fails is recorded per account). Each page is written
 * to a temporary file as the CLI would print it, and each project's accounts then go through the same import as a
 * file (one import per project and source, idempotent, all or nothing). A project with an account that failed gets
 * nothing this run. Runs once across nodes; a run with a failed account ends in error (Spring's job failure metric).
 */
@Component
public class AwsPull {
    private static final Logger log = LoggerFactory.getLogger(AwsPull.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<String> COMPLIANCE = List.of("PASSED", "FAILED", "WARNING", "NOT_AVAILABLE");

    private final AutomationService automation;
    private final ProjectService projects;
    private final PullRuns runs;
    private final PullSettings settings;
    private final Clock clock;

    AwsPull(AutomationService automation, ProjectService projects, PullRuns runs, PullSettings settings, Clock clock) {
        this.automation = automation;
        this.projects = projects;
        this.runs = runs;
        this.settings = settings;
        this.clock = clock;
    }

    /** What one run did per account. */
    public record Outcome(Map<String, PullRuns.Run> accounts) {
        public long failed() {
            return accounts.values().stream().filter(r -> !r.succeeded()).count();
        }
    }

    @Scheduled(cron = "${demarc.automation.pull.cron:0 30 2 * * *}", zone = "UTC")
    @SchedulerLock(name = "automation-pull", lockAtMostFor = "PT3H", lockAtLeastFor = "PT1M")
    public void scheduled() {
        if (!settings.enabled()) {
            return;
        }
        var outcome = run(settings, DefaultCredentialsProvider.builder().build());
        if (outcome.failed() > 0) {
            throw new IllegalStateException("AWS pull: " + outcome.failed() + " of " + outcome.accounts().size()
                    + " accounts failed (table automation_pull_run has why)");
        }
    }

    /** Pulls every account the projects record, with these settings and base credentials, and imports per project. */
    public Outcome run(PullSettings settings, AwsCredentialsProvider credentials) {
        var result = new java.util.concurrent.atomic.AtomicReference<Outcome>();
        Actors.runAsSystem(Set.of(Role.MANAGER), () -> result.set(runAsSystem(settings, credentials)));
        return result.get();
    }

    private Outcome runAsSystem(PullSettings settings, AwsCredentialsProvider credentials) {
        var byAccount = new TreeMap<String, List<Project>>();
        int page = 500;
        for (int offset = 0; ; offset += page) {
            var found = projects.findProjects("", false, offset, page);
            for (var p : found) {
                for (AwsAccountId a : p.awsAccountIds()) {
                    byAccount.computeIfAbsent(a.value(), k -> new ArrayList<>()).add(p);
                }
            }
            if (found.size() < page) {
                break;
            }
        }
        var pulled = new LinkedHashMap<String, Pulled>();
        var failures = new LinkedHashMap<String, String>();
        var started = new LinkedHashMap<String, Instant>();
        try (SdkHttpClient http = ApacheHttpClient.builder().connectionTimeout(java.time.Duration.ofSeconds(10))
                .socketTimeout(settings.callTimeout()).build()) {
            for (String account : byAccount.keySet()) {
                started.put(account, clock.instant());
                try {
                    pulled.put(account, pull(settings, settings.account(account), credentials, http));
                } catch (PullFailure e) {
                    failures.put(account, e.getMessage());
                    log.warn("AWS pull of account {} failed: {}", account, e.getMessage());
                }
            }
            var imported = new TreeMap<String, Integer>();
            for (var project : distinct(byAccount)) {
                var accounts = project.awsAccountIds().stream().map(AwsAccountId::value).toList();
                var failed = accounts.stream().filter(failures::containsKey).toList();
                if (!failed.isEmpty()) {
                    log.warn("AWS pull: nothing imported for project {}: account(s) {} failed", project.name(), failed);
                    continue;
                }
                try {
                    int n = importFor(project, accounts.stream().map(pulled::get).toList());
                    accounts.forEach(a -> imported.merge(a, n, Integer::sum));
                } catch (UserFacingException | UncheckedIOException e) {
                    String why = "The import for project " + project.name() + " failed: " + e.getMessage();
                    accounts.forEach(a -> failures.merge(a, why, (x, y) -> x + " " + y));
                    log.warn("AWS pull: {}", why);
                }
            }
            var outcome = new LinkedHashMap<String, PullRuns.Run>();
            for (String account : byAccount.keySet()) {
                var p = pulled.get(account);
                String failure = failures.get(account);
                var run = new PullRuns.Run(account, started.get(account), clock.instant(), failure == null,
                        p == null ? 0 : p.findings, p == null ? 0 : p.configResults, imported.getOrDefault(account, 0),
                        failure == null ? "" : failure);
                runs.record(run);
                outcome.put(account, run);
            }
            if (!outcome.isEmpty()) {
                log.info("AWS pull: {} accounts, {} failed", outcome.size(), failures.size());
            }
            return new Outcome(Collections.unmodifiableMap(outcome));
        } finally {
            pulled.values().forEach(Pulled::delete);
        }
    }

    private static List<Project> distinct(Map<String, List<Project>> byAccount) {
        var seen = new LinkedHashMap<Long, Project>();
        byAccount.values().forEach(list -> list.forEach(p -> seen.putIfAbsent(p.id().value(), p)));
        return new ArrayList<>(seen.values());
    }

    /** One import per project and source: its accounts' pages one after another, as the CLI prints them. */
    private int importFor(Project project, List<Pulled> accounts) {
        String day = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).toString();
        int imported = 0;
        if (accounts.stream().anyMatch(a -> a.findings > 0)) {
            imported += importFiles(project, accounts.stream().map(a -> a.findingsFile).toList(),
                    "securityhub-pull-" + day + ".json", ResultFormat.SECURITY_HUB_ASFF).imported();
        }
        if (accounts.stream().anyMatch(a -> a.configResults > 0)) {
            imported += importFiles(project, accounts.stream().map(a -> a.configFile).toList(),
                    "config-pull-" + day + ".json", ResultFormat.CONFIG_EVALUATIONS).imported();
        }
        return imported;
    }

    private ImportReport importFiles(Project project, List<Path> files, String name, ResultFormat format) {
        var streams = new ArrayList<InputStream>();
        try {
            for (Path f : files) {
                streams.add(Files.newInputStream(f));
            }
            try (var in = new SequenceInputStream(Collections.enumeration(streams))) {
                return automation.importResults(in, name, format, project.id());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            for (var s : streams) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // a temporary file
                }
            }
        }
    }

    /** One account's pulled pages in two temporary files. */
    private static final class Pulled {
        final Path findingsFile;
        final Path configFile;
        int findings;
        int configResults;

        Pulled() throws IOException {
            findingsFile = Files.createTempFile("demarc-pull-", "-asff.json");
            configFile = Files.createTempFile("demarc-pull-", "-config.json");
        }

        void delete() {
            try {
                Files.deleteIfExists(findingsFile);
                Files.deleteIfExists(configFile);
            } catch (IOException e) {
                log.warn("Could not delete a temporary pull file: {}", e.getMessage());
            }
        }
    }

    /** A clear reason an account could not be pulled. */
    static final class PullFailure extends RuntimeException {
        PullFailure(String message) {
            super(message, null, false, false);
        }
    }

    private Pulled pull(PullSettings settings, PullSettings.Account account, AwsCredentialsProvider base,
                        SdkHttpClient http) {
        String regionName = account.region() != null ? account.region() : settings.region();
        Region region;
        try {
            region = regionName != null ? Region.of(regionName)
                    : new software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain().getRegion();
        } catch (SdkException e) {
            throw new PullFailure("No AWS region for account " + account.accountId() + ": set "
                    + "demarc.automation.pull.region (or the account's region). Nothing was pulled.");
        }
        var override = ClientOverrideConfiguration.builder().retryStrategy(RetryMode.STANDARD)
                .apiCallTimeout(settings.callTimeout().multipliedBy(3)).apiCallAttemptTimeout(settings.callTimeout()).build();
        AwsCredentialsProvider credentials = base;
        StsClient sts = null;
        Pulled pulled = null;
        try {
            if (account.roleArn() != null && !account.roleArn().isBlank()) {
                var stsBuilder = StsClient.builder().region(region).credentialsProvider(base).httpClient(http)
                        .overrideConfiguration(override);
                if (settings.endpointOverride() != null) {
                    stsBuilder.endpointOverride(settings.endpointOverride());
                }
                sts = stsBuilder.build();
                var assume = StsAssumeRoleCredentialsProvider.builder().stsClient(sts).asyncCredentialUpdateEnabled(false)
                        .refreshRequest(r -> {
                            r.roleArn(account.roleArn()).roleSessionName("demarc-pull").durationSeconds(3600);
                            if (account.externalId() != null && !account.externalId().isBlank()) {
                                r.externalId(account.externalId());
                            }
                        }).build();
                try {
                    assume.resolveCredentials();
                } catch (SdkException e) {
                    throw new PullFailure("Could not assume role " + account.roleArn() + " for account "
                            + account.accountId() + " (" + reason(e) + "): check the role's trust policy and that "
                            + "the account's external-id in demarc.automation.pull.accounts matches its "
                            + "sts:ExternalId condition. Nothing was imported for this account.");
                }
                credentials = assume;
            }
            pulled = new Pulled();
            var shBuilder = SecurityHubClient.builder().region(region).credentialsProvider(credentials).httpClient(http)
                    .overrideConfiguration(override);
            var cfgBuilder = ConfigClient.builder().region(region).credentialsProvider(credentials).httpClient(http)
                    .overrideConfiguration(override);
            if (settings.endpointOverride() != null) {
                shBuilder.endpointOverride(settings.endpointOverride());
                cfgBuilder.endpointOverride(settings.endpointOverride());
            }
            try (var securityHub = shBuilder.build(); var config = cfgBuilder.build()) {
                pulled.findings = findings(securityHub, account.accountId(), settings.maxPages(), pulled.findingsFile);
                if (settings.config()) {
                    pulled.configResults = configResults(config, account.accountId(), settings.maxPages(), pulled.configFile);
                }
            }
            return pulled;
        } catch (PullFailure e) {
            if (pulled != null) {
                pulled.delete();
            }
            throw e;
        } catch (IOException | UncheckedIOException e) {
            if (pulled != null) {
                pulled.delete();
            }
            throw new PullFailure("Could not write the pulled results of account " + account.accountId()
                    + " to a temporary file (" + e.getMessage() + "): free disk space; nothing was imported.");
        } finally {
            if (sts != null) {
                sts.close();
            }
        }
    }

    private static String reason(SdkException e) {
        if (e instanceof AwsServiceException s && s.awsErrorDetails() != null) {
            return s.awsErrorDetails().errorCode() + ": " + s.awsErrorDetails().errorMessage();
        }
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
            if (cause instanceof AwsServiceException s && s.awsErrorDetails() != null) {
                return s.awsErrorDetails().errorCode() + ": " + s.awsErrorDetails().errorMessage();
            }
        }
        return String.valueOf(e.getMessage());
    }

    private static PullFailure failed(String call, String account, SdkException e) {
        if (e instanceof AwsServiceException s && s.isThrottlingException()) {
            return new PullFailure("AWS kept throttling " + call + " for account " + account + " (" + reason(e)
                    + ") after the SDK's retries: nothing was imported for this account; the next run tries again "
                    + "(or pull less often, or ask AWS for a higher limit).");
        }
        return new PullFailure(call + " failed for account " + account + " (" + reason(e) + "): nothing was "
                + "imported for this account. Check that the service is enabled there and the credentials may call it "
                + "(securityhub:GetFindings, config:DescribeComplianceByConfigRule, config:GetComplianceDetailsByConfigRule).");
    }

    /** Security Hub GetFindings of one account, page by page (NextToken) into {"Findings":[…]}; returns the count. */
    private static int findings(SecurityHubClient client, String account, int maxPages, Path file) throws IOException {
        var filters = AwsSecurityFindingFilters.builder()
                .awsAccountId(StringFilter.builder().value(account).comparison(StringFilterComparison.EQUALS).build())
                .recordState(StringFilter.builder().value("ACTIVE").comparison(StringFilterComparison.EQUALS).build())
                .complianceStatus(COMPLIANCE.stream().map(s -> StringFilter.builder().value(s)
                        .comparison(StringFilterComparison.EQUALS).build()).toList())
                .build();
        try (var out = new JsonArrayFile(file, "Findings")) {
            pages(maxPages, "Security Hub GetFindings", account,
                    next -> client.getFindings(r -> r.filters(filters).maxResults(100).nextToken(next)),
                    software.amazon.awssdk.services.securityhub.model.GetFindingsResponse::nextToken,
                    page -> {
                        for (var f : page.findings()) {
                            out.add(asff(f));
                        }
                    });
            return out.count;
        }
    }

    /** AWS Config: the rules with their compliance (paginated), then each rule's evaluation results (paginated). */
    private static int configResults(ConfigClient client, String account, int maxPages, Path file) throws IOException {
        var rules = new ArrayList<String>();
        pages(maxPages, "AWS Config DescribeComplianceByConfigRule", account,
                next -> client.describeComplianceByConfigRule(r -> r.nextToken(next)),
                software.amazon.awssdk.services.config.model.DescribeComplianceByConfigRuleResponse::nextToken,
                page -> page.complianceByConfigRules().forEach(c -> rules.add(c.configRuleName())));
        try (var out = new JsonArrayFile(file, "EvaluationResults")) {
            for (String rule : rules) {
                pages(maxPages, "AWS Config GetComplianceDetailsByConfigRule (" + rule + ")", account,
                        next -> client.getComplianceDetailsByConfigRule(r -> r.configRuleName(rule).limit(100)
                                .complianceTypes(ComplianceType.COMPLIANT, ComplianceType.NON_COMPLIANT).nextToken(next)),
                        software.amazon.awssdk.services.config.model.GetComplianceDetailsByConfigRuleResponse::nextToken,
                        page -> {
                            for (var result : page.evaluationResults()) {
                                out.add(config(result));
                            }
                        });
            }
            return out.count;
        }
    }

    private interface PageSink<R> {
        void accept(R page) throws IOException;
    }

    /** Calls a paged API until its NextToken runs out (at most maxPages pages), each page to the sink. */
    private static <R> void pages(int maxPages, String call, String account, java.util.function.Function<String, R> fetch,
                                  java.util.function.Function<R, String> nextToken, PageSink<R> sink) throws IOException {
        String token = null;
        for (int page = 0; page < maxPages; page++) {
            R response;
            try {
                response = fetch.apply(token);
            } catch (SdkException e) {
                throw failed(call, account, e);
            }
            sink.accept(response);
            token = nextToken.apply(response);
            if (token == null || token.isEmpty()) {
                return;
            }
        }
    }

    /** {"<property>":[…]} written one element at a time, as the CLI prints a paged result. */
    private static final class JsonArrayFile implements java.io.Closeable {
        private final OutputStream out;
        int count;

        JsonArrayFile(Path file, String property) throws IOException {
            out = new BufferedOutputStream(Files.newOutputStream(file));
            out.write(("{\"" + property + "\":[").getBytes(StandardCharsets.UTF_8));
        }

        void add(ObjectNode element) throws IOException {
            if (count++ > 0) {
                out.write(',');
            }
            out.write(JSON.writeValueAsBytes(element));
        }

        @Override
        public void close() throws IOException {
            try (out) {
                out.write("]}".getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    /** The ASFF fields the import reads (and an auditor looks at), as {@code aws securityhub get-findings} prints them. */
    static ObjectNode asff(AwsSecurityFinding f) {
        var n = JSON.createObjectNode();
        n.put("SchemaVersion", f.schemaVersion());
        n.put("Id", f.id());
        n.put("ProductArn", f.productArn());
        n.put("GeneratorId", f.generatorId());
        n.put("AwsAccountId", f.awsAccountId());
        n.put("Region", f.region());
        n.put("Title", f.title());
        n.put("CreatedAt", f.createdAt());
        n.put("UpdatedAt", f.updatedAt());
        putIfSet(n, "FirstObservedAt", f.firstObservedAt());
        putIfSet(n, "LastObservedAt", f.lastObservedAt());
        if (f.severity() != null) {
            n.putObject("Severity").put("Label", f.severity().labelAsString());
        }
        if (f.compliance() != null) {
            var c = n.putObject("Compliance");
            c.put("Status", f.compliance().statusAsString());
            putIfSet(c, "SecurityControlId", f.compliance().securityControlId());
        }
        if (f.hasProductFields()) {
            var pf = n.putObject("ProductFields");
            f.productFields().forEach(pf::put);
        }
        var resources = n.putArray("Resources");
        for (var r : f.resources()) {
            var o = resources.addObject();
            o.put("Type", r.type());
            o.put("Id", r.id());
            putIfSet(o, "Region", r.region());
        }
        putIfSet(n, "RecordState", f.recordStateAsString());
        if (f.workflow() != null) {
            n.putObject("Workflow").put("Status", f.workflow().statusAsString());
        }
        return n;
    }

    /** One evaluation result as {@code aws configservice get-compliance-details-by-config-rule} prints it. */
    static ObjectNode config(EvaluationResult r) {
        var n = JSON.createObjectNode();
        var id = n.putObject("EvaluationResultIdentifier");
        var q = id.putObject("EvaluationResultQualifier");
        var qualifier = r.evaluationResultIdentifier() == null ? null : r.evaluationResultIdentifier().evaluationResultQualifier();
        if (qualifier != null) {
            q.put("ConfigRuleName", qualifier.configRuleName());
            q.put("ResourceType", qualifier.resourceType());
            q.put("ResourceId", qualifier.resourceId());
        }
        if (r.evaluationResultIdentifier() != null) {
            putIfSet(id, "OrderingTimestamp", time(r.evaluationResultIdentifier().orderingTimestamp()));
        }
        n.put("ComplianceType", r.complianceTypeAsString());
        putIfSet(n, "ResultRecordedTime", time(r.resultRecordedTime()));
        putIfSet(n, "ConfigRuleInvokedTime", time(r.configRuleInvokedTime()));
        putIfSet(n, "Annotation", r.annotation());
        return n;
    }

    private static @Nullable String time(@Nullable Instant t) {
        return t == null ? null : t.toString();
    }

    private static void putIfSet(ObjectNode n, String name, @Nullable String value) {
        if (value != null) {
            n.put(name, value);
        }
    }
}
