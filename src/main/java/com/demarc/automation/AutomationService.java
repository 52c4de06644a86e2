package com.demarc.automation;

import com.demarc.audit.AuditAction;
import com.demarc.audit.AuditLog;
import com.demarc.automation.internal.AutomationRepository;
import com.demarc.automation.internal.FindingKeys;
import com.demarc.automation.internal.ProjectSpool;
import com.demarc.automation.internal.RawWriter;
import com.demarc.automation.internal.ResultParser;
import com.demarc.catalog.ModelId;
import com.demarc.evidence.EvidenceRefused;
import com.demarc.evidence.EvidenceStore;
import com.demarc.project.AwsAccountId;
import com.demarc.project.Project;
import com.demarc.project.ProjectAccess;
import com.demarc.project.ProjectControlId;
import com.demarc.project.ProjectId;
import com.demarc.project.ProjectService;
import com.demarc.shared.Actors;
import com.demarc.shared.UserFacingException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import static com.demarc.shared.Permissions.HAS_EVIDENCE_READ;
import static com.demarc.shared.Permissions.HAS_EVIDENCE_REVIEW;
import static com.demarc.shared.Permissions.HAS_EVIDENCE_UPLOAD;

/**
 * Imports AWS Security Hub (ASFF, OCSF) and AWS Config results as automated evidence: streamed (one finding in memory
 * at a time), matched to projects by their AWS account ids, idempotent (finding id + update time), all or nothing.
 * Each project's part is stored as an immutable raw evidence file (SHA-256) with one result per check; coverage then
 * follows the rule of ADR 0020. Called by the UI today and by the REST API.
 */
@Service
public class AutomationService {
    private static final Logger log = LoggerFactory.getLogger(AutomationService.class);
    private static final Pattern SUFFIX = Pattern.compile("_[A-Z0-9]{5,}$");

    private final AutomationRepository repository;
    private final CheckMappingService mapping;
    private final ProjectService projects;
    private final ProjectAccess access;
    private final EvidenceStore store;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final AutomationSettings settings;
    private final TransactionTemplate transactions;
    private final Clock clock;

    AutomationService(AutomationRepository repository, CheckMappingService mapping, ProjectService projects,
                      ProjectAccess access, EvidenceStore store, AuditLog audit, ApplicationEventPublisher events,
                      AutomationSettings settings, PlatformTransactionManager transactionManager, Clock clock) {
        this.repository = repository;
        this.mapping = mapping;
        this.projects = projects;
        this.access = access;
        this.store = store;
        this.audit = audit;
        this.events = events;
        this.settings = settings;
        this.transactions = new TransactionTemplate(transactionManager);
        this.clock = clock;
    }

    /**
     * Imports a results file. {@code project} given: the findings of its AWS accounts are imported for it (AWS Config
     * results, which name no account, all are); null: each finding goes to the projects (that the user may change)
     * recording its account. {@code format} null: recognised from the findings. The file is read once, as a stream,
     * into temporary files; then everything is stored in one transaction, or nothing is (any error says what to do).
     */
    @PreAuthorize(HAS_EVIDENCE_UPLOAD)
    public ImportReport importResults(InputStream in, String fileName, @Nullable ResultFormat format, @Nullable ProjectId project) {
        long begun = System.nanoTime();
        String given = fileName == null || fileName.isBlank() ? "results.json" : fileName.strip();
        String name = given.length() > 255 ? given.substring(given.length() - 255) : given;
        var targets = targets(project);
        var byAccount = new HashMap<String, List<Project>>();
        for (var p : targets) {
            for (AwsAccountId a : p.awsAccountIds()) {
                byAccount.computeIfAbsent(a.value(), k -> new ArrayList<>()).add(p);
            }
        }
        var knownRules = repository.configRules();
        var parser = new ResultParser(format, rule -> configIdentifier(rule, knownRules));
        var spools = new LinkedHashMap<ProjectId, ProjectSpool>();
        var counts = new int[6]; // read, archived, suppressed, other accounts, not checks, config without project
        var otherAccounts = new TreeSet<String>();
        long max = settings.maxFileSize().toBytes();
        long started = System.nanoTime();
        var writer = new RawWriter();
        long prepared = started - begun;
        try (var limited = new Limited(new java.io.BufferedInputStream(in, 1 << 16), max)) {
            counts[0] = parser.parse(limited, (f, buffer, offset, length) -> {
                List<Project> owners;
                if (f.accountId() == null) {
                    if (project == null) {
                        throw new UserFacingException("AWS Config results name no AWS account: choose the project they "
                                + "belong to and import the file again; nothing was imported.");
                    }
                    owners = targets;
                } else {
                    owners = byAccount.getOrDefault(f.accountId(), List.of());
                }
                if (owners.isEmpty()) {
                    counts[3]++;
                    if (otherAccounts.size() < 20) {
                        otherAccounts.add(f.accountId());
                    }
                    return;
                }
                switch (f.disposition()) {
                    case ARCHIVED -> counts[1]++;
                    case SUPPRESSED -> counts[2]++;
                    case NOT_A_CHECK -> counts[4]++;
                    case ACTIVE -> { }
                }
                for (var p : owners) {
                    var spool = spools.computeIfAbsent(p.id(), id -> new ProjectSpool(id, f.format(), writer));
                    spool.raw(buffer, offset, length);
                    if (f.disposition() == ResultParser.Disposition.ACTIVE) {
                        spool.check(f);
                    }
                }
            });
            long parsed = System.nanoTime();
            spools.values().forEach(ProjectSpool::complete); // every raw file written before the transaction starts
            log.debug("Import read: parsed in {} ms, then {} ms until the raw results were written", (parsed - started)
                    / 1_000_000, (System.nanoTime() - parsed) / 1_000_000);
            ResultFormat seen = parser.format() == null ? ResultFormat.SECURITY_HUB_ASFF : parser.format();
            var byId = new HashMap<ProjectId, Project>();
            targets.forEach(p -> byId.put(p.id(), p));
            long read = System.nanoTime();
            var report = transactions.execute(tx -> store(seen, name, spools, byId, counts, otherAccounts));
            log.info("Imported {} for {}: {} (projects matched in {} ms, read {} ms, stored {} ms)", name,
                    Actors.currentUsername(), report.summary(), prepared / 1_000_000, (read - started) / 1_000_000,
                    (System.nanoTime() - read) / 1_000_000);
            return report;
        } catch (IOException | UncheckedIOException e) {
            throw new UserFacingException("The file could not be read to the end (" + e.getMessage() + "): nothing was "
                    + "imported. Import it again.");
        } finally {
            spools.values().forEach(ProjectSpool::close);
            writer.close();
        }
    }

    private ImportReport store(ResultFormat format, String fileName, Map<ProjectId, ProjectSpool> spools,
                               Map<ProjectId, Project> byId, int[] counts, Set<String> otherAccounts) {
        int imported = 0;
        int already = 0;
        int unmapped = 0;
        var reports = new ArrayList<ImportReport.ProjectImport>();
        var changed = new HashSet<ProjectId>();
        Instant now = Instant.now(clock);
        var controlChanges = new ArrayList<ControlChecksChanged.Change>();
        var sorted = new ArrayList<>(spools.values());
        sorted.sort(java.util.Comparator.comparingLong(s -> s.project().value())); // lock order
        long t0 = System.nanoTime();
        sorted.forEach(spool -> repository.lockProject(spool.project()));
        var keys = new LinkedHashMap<ProjectId, FindingKeys>();
        sorted.forEach(spool -> keys.put(spool.project(), spool.keys()));
        var freshKeys = repository.rememberFindingKeys(keys);
        log.debug("Import keys: {} projects, {} keys in {} ms", sorted.size(),
                sorted.stream().mapToInt(ProjectSpool::checkFindings).sum(), (System.nanoTime() - t0) / 1_000_000);
        for (var spool : sorted) {
            var project = byId.get(spool.project());
            long t1 = System.nanoTime();
            int fresh = freshKeys.getOrDefault(project.id(), 0);
            int checkFindings = spool.checkFindings();
            already += checkFindings - fresh;
            if (fresh == 0) {
                reports.add(new ImportReport.ProjectImport(project.id(), project.name(), null, null, spool.findings(),
                        0, 0, 0, 0));
                continue;
            }
            imported += fresh;
            mapping.ensureShippedMapping(project.modelId());
            var codes = repository.codesByCheck(project.modelId());
            EvidenceStore.StoredContent content;
            try (var raw = Files.newInputStream(spool.rawFile())) {
                content = store.store(raw, Long.MAX_VALUE);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            long t2 = System.nanoTime();
            long importId = repository.insertImport(project.id(), format.name(), fileName, content.id(), content.sha256(),
                    content.size(), spool.findings(), now, Actors.currentUsername());
            var failingBefore = failingControls(project.id(), codes);
            int passed = 0;
            int failed = 0;
            int other = 0;
            var rows = new ArrayList<AutomationRepository.ResultRow>();
            for (var check : spool.checks()) {
                if (!codes.containsKey(check.source() + ":" + check.checkId())) {
                    unmapped += check.findings();
                }
                var status = check.status();
                var failing = check.failingResources();
                rows.add(new AutomationRepository.ResultRow(check.source(), check.checkId(), status,
                        check.resourcesChecked(), failing.size(),
                        failing.subList(0, Math.min(failing.size(), ProjectSpool.MAX_FAILING_LISTED)), check.first(), check.last()));
                switch (status) {
                    case PASSED -> passed++;
                    case FAILED -> failed++;
                    default -> other++;
                }
            }
            repository.insertResults(importId, project.id(), rows);
            log.debug("Import into {}: {} new keys, raw results ({} bytes) stored in {} ms, {} results in {} ms",
                    project.name(), fresh, content.size(), (t2 - t1) / 1_000_000, rows.size(),
                    (System.nanoTime() - t2) / 1_000_000);
            reports.add(new ImportReport.ProjectImport(project.id(), project.name(), importId, content.sha256(),
                    spool.findings(), spool.checks().size(), passed, failed, other));
            controlChanges.addAll(controlChanges(project, failingBefore, failingControls(project.id(), codes)));
            audit.record(AuditAction.CHECK_RESULTS_IMPORTED, "automation_import", importId, project.name() + ": "
                    + format.label() + " from " + fileName + " (" + spool.checks().size() + " checks: " + passed
                    + " passed, " + failed + " failed)", null, "sha256=" + content.sha256() + "; size=" + content.size()
                    + "; findings=" + spool.findings());
            changed.add(project.id());
        }
        long t3 = System.nanoTime();
        if (!changed.isEmpty()) {
            events.publishEvent(new CheckResultsChanged(changed));
        }
        long t4 = System.nanoTime();
        if (!controlChanges.isEmpty()) {
            events.publishEvent(new ControlChecksChanged(controlChanges));
        }
        log.debug("Import's events: coverage refreshed in {} ms, {} control changes notified in {} ms",
                (t4 - t3) / 1_000_000, controlChanges.size(), (System.nanoTime() - t4) / 1_000_000);
        return new ImportReport(format, counts[0], imported, already, counts[1], counts[2], counts[3], counts[4], unmapped,
                List.copyOf(otherAccounts), reports);
    }

    /** Control code → its failing, unsuppressed checks ("SECURITY_HUB:IAM.6"), from the project's newest results. */
    private Map<String, List<String>> failingControls(ProjectId project, Map<String, List<String>> codes) {
        var result = new java.util.TreeMap<String, List<String>>();
        for (var r : repository.latest(project, null)) {
            if (r.status() == CheckStatus.FAILED && !r.suppressed()) {
                for (String code : codes.getOrDefault(r.source() + ":" + r.checkId(), List.of())) {
                    result.computeIfAbsent(code, c -> new ArrayList<>()).add(r.checkId());
                }
            }
        }
        return result;
    }

    /** Controls that started failing (none of their checks failed before) or pass again (none fails now). */
    private List<ControlChecksChanged.Change> controlChanges(Project project, Map<String, List<String>> before,
                                                            Map<String, List<String>> after) {
        var turned = new java.util.TreeSet<String>();
        after.keySet().stream().filter(c -> !before.containsKey(c)).forEach(turned::add);
        before.keySet().stream().filter(c -> !after.containsKey(c)).forEach(turned::add);
        if (turned.isEmpty()) {
            return List.of();
        }
        var result = new ArrayList<ControlChecksChanged.Change>();
        for (var row : projects.controlsForEdit(Set.of(project.id()), turned)) {
            String code = row.data().code();
            boolean failing = after.containsKey(code);
            result.add(new ControlChecksChanged.Change(row.id(), project.id(), project.name() + " · " + code, failing,
                    failing ? after.get(code) : before.get(code)));
        }
        return result;
    }

    private List<Project> targets(@Nullable ProjectId project) {
        if (project != null) {
            var p = projects.project(project);
            access.requireEdit(project);
            if (p.archived()) {
                throw new UserFacingException("Project " + p.name() + " is archived: restore it before importing results.");
            }
            return List.of(p);
        }
        var result = new ArrayList<Project>();
        int page = 500;
        for (int offset = 0; ; offset += page) {
            var found = projects.findProjects("", false, offset, page);
            found.stream().filter(p -> !p.awsAccountIds().isEmpty() && access.canEdit(p.id())).forEach(result::add);
            if (found.size() < page) {
                break;
            }
        }
        if (result.isEmpty()) {
            throw new UserFacingException("None of the projects you may change records an AWS account id: add the "
                    + "account ids to the project, or choose the project, and import again.");
        }
        return result;
    }

    /**
     * A deployed AWS Config rule's name to its managed rule identifier: {@code root-account-mfa-enabled} →
     * {@code ROOT_ACCOUNT_MFA_ENABLED}; Security Hub's own {@code securityhub-…-a1b2c3} names lose prefix and suffix.
     */
    static String configIdentifier(String ruleName, Set<String> known) {
        String id = ruleName.strip().replaceFirst("(?i)^securityhub-", "").toUpperCase(java.util.Locale.ROOT)
                .replace('-', '_');
        if (known.contains(id)) {
            return id;
        }
        String shorter = SUFFIX.matcher(id).replaceFirst("");
        return known.contains(shorter) ? shorter : id;
    }

    // --- reading results

    /** The newest result of every check mapped to this project control (in its project's catalog version). */
    @PreAuthorize(HAS_EVIDENCE_READ)
    @Transactional(readOnly = true)
    public List<CheckResult> checksOf(ProjectControlId control) {
        var row = projects.control(control);
        var project = projects.project(row.data().projectId());
        var keys = new HashSet<String>();
        for (String[] check : repository.checksFor(project.modelId(), row.data().code())) {
            keys.add(CheckSource.SECURITY_HUB + ":" + check[0]);
            if (check[1] != null) {
                keys.add(CheckSource.CONFIG + ":" + check[1]);
            }
        }
        return keys.isEmpty() ? List.of() : repository.latest(project.id(), keys);
    }

    /** The newest result of every check imported for this project. */
    @PreAuthorize(HAS_EVIDENCE_READ)
    @Transactional(readOnly = true)
    public List<CheckResult> results(ProjectId project) {
        projects.project(project);
        return repository.latest(project, null);
    }

    /** The imports of a project, newest first. */
    @PreAuthorize(HAS_EVIDENCE_READ)
    @Transactional(readOnly = true)
    public List<AutomationImport> imports(ProjectId project, int limit) {
        projects.project(project);
        return repository.imports(project, limit).stream().map(AutomationService::toImport).toList();
    }

    /** The raw results of one import as stored (the caller closes the stream); the download is audited. */
    @PreAuthorize(HAS_EVIDENCE_READ)
    @Transactional(readOnly = true)
    public InputStream rawResults(long importId) {
        var row = repository.importRow(importId).orElseThrow(() -> new UserFacingException("This import no longer exists."));
        projects.project(row.projectId());
        audit.recordIndependently(AuditAction.EVIDENCE_DOWNLOADED, "automation_import", importId,
                "Raw check results " + row.fileName() + " (sha256=" + row.sha256() + ")");
        return store.open(row.contentId());
    }

    /** The import record (file, SHA-256, size, who and when). */
    @PreAuthorize(HAS_EVIDENCE_READ)
    @Transactional(readOnly = true)
    public AutomationImport importOf(long importId) {
        var row = repository.importRow(importId).orElseThrow(() -> new UserFacingException("This import no longer exists."));
        projects.project(row.projectId());
        return toImport(row);
    }

    private static AutomationImport toImport(AutomationRepository.ImportRow r) {
        return new AutomationImport(r.id(), r.projectId(), ResultFormat.valueOf(r.format()), r.fileName(), r.sha256(),
                r.size(), r.findings(), r.importedAt(), r.importedBy(), r.gzip());
    }

    // --- suppressions

    /**
     * Suppresses one check for one project until {@code until} (inclusive) with a justification: while it lasts, the
     * check neither fails nor evidences the project's controls. Managers only; audited.
     */
    @PreAuthorize(HAS_EVIDENCE_REVIEW)
    @Transactional
    public Suppression suppress(ProjectId project, CheckSource source, String checkId, String justification, LocalDate until) {
        var p = projects.project(project);
        if (checkId == null || checkId.isBlank()) {
            throw new UserFacingException("Name the check to suppress, e.g. IAM.6.");
        }
        if (justification == null || justification.strip().length() < 10) {
            throw new UserFacingException("Say why this check does not apply to " + p.name() + " (at least 10 characters): auditors read it.");
        }
        if (justification.strip().length() > 2000) {
            throw new UserFacingException("Keep the justification under 2,000 characters.");
        }
        var today = LocalDate.now(clock);
        if (until == null || until.isBefore(today)) {
            throw new UserFacingException("Give the suppression an end date from today on: it lasts until then, inclusive.");
        }
        if (until.isAfter(today.plusYears(1))) {
            throw new UserFacingException("A suppression lasts at most a year: choose an end date before " + today.plusYears(1).plusDays(1) + ".");
        }
        var s = repository.upsertSuppression(project, source, checkId.strip(), justification.strip(), until,
                Instant.now(clock), Actors.currentUsername());
        audit.record(AuditAction.CHECK_SUPPRESSED, "automation_suppression", s.id(), p.name() + ": check " + s.checkId()
                + " suppressed until " + until, null, s.justification());
        events.publishEvent(new CheckResultsChanged(Set.of(project)));
        return s;
    }

    /** Ends a suppression now (managers; audited). */
    @PreAuthorize(HAS_EVIDENCE_REVIEW)
    @Transactional
    public void endSuppression(long suppressionId) {
        var s = repository.suppression(suppressionId).orElseThrow(() -> new UserFacingException("This suppression no longer exists."));
        var p = projects.project(s.projectId());
        repository.deleteSuppression(suppressionId);
        audit.record(AuditAction.CHECK_SUPPRESSION_ENDED, "automation_suppression", s.id(), p.name() + ": suppression of check "
                + s.checkId() + " ended", s.justification(), null);
        events.publishEvent(new CheckResultsChanged(Set.of(s.projectId())));
    }

    @PreAuthorize(HAS_EVIDENCE_READ)
    @Transactional(readOnly = true)
    public List<Suppression> suppressions(ProjectId project) {
        projects.project(project);
        return repository.suppressions(project);
    }

    /** Refuses a stream as soon as it passes the limit, before it is all received. */
    private static final class Limited extends FilterInputStream {
        private final long max;
        private long read;

        Limited(InputStream in, long max) {
            super(in);
            this.max = max;
        }

        private void count(long n) {
            read += Math.max(n, 0);
            if (read > max) {
                throw new EvidenceRefused("The results file is larger than " + (max / (1024 * 1024)) + " MB "
                        + "(demarc.automation.max-file-size): nothing was imported. Export fewer findings at a time "
                        + "(e.g. one account or one standard per file) and import each.");
            }
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            count(n);
            return n;
        }
    }
}
