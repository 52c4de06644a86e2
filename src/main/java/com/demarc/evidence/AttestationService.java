package com.demarc.evidence;

import com.demarc.audit.AuditAction;
import com.demarc.catalog.Owner;
import com.demarc.evidence.internal.EvidenceRepository;
import com.demarc.evidence.internal.FileTypePolicy;
import com.demarc.evidence.internal.TransferQueries;
import com.demarc.project.ProjectAccess;
import com.demarc.project.ProjectControl;
import com.demarc.project.ProjectId;
import com.demarc.project.ProjectService;
import com.demarc.shared.Actors;
import com.demarc.shared.UserFacingException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import org.jspecify.annotations.Nullable;

import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;

import static com.demarc.shared.Permissions.HAS_EVIDENCE_READ;
import static com.demarc.shared.Permissions.HAS_EVIDENCE_REVIEW;

/**
 * AWS attestations: a report recorded once (file or link) and linked to AWS-owned controls across many projects,
 * which then count as inherited-and-evidenced while the report is valid.
 */
@Service
public class AttestationService {
    private final org.springframework.context.ApplicationEventPublisher events;
    private final com.demarc.audit.AuditLog audit;
    private final EvidenceRepository repository;
    private final EvidenceStore store;
    private final FileTypePolicy types;
    private final EvidenceLimits limits;
    private final ProjectService projects;
    private final ProjectAccess access;
    private final Transfers transfers;
    private final TransferQueries transferQueries;
    private final TransactionTemplate transactions;
    private final com.demarc.evidence.internal.ZipInspector zips;

    AttestationService(EvidenceRepository repository, EvidenceStore store, FileTypePolicy types, EvidenceLimits limits,
                       ProjectService projects, com.demarc.audit.AuditLog audit,
                       org.springframework.context.ApplicationEventPublisher events, ProjectAccess access,
                       Transfers transfers, TransferQueries transferQueries, PlatformTransactionManager transactionManager,
                       com.demarc.evidence.internal.ZipInspector zips) {
        this.zips = zips;
        this.access = access;
        this.transfers = transfers;
        this.transferQueries = transferQueries;
        this.transactions = new TransactionTemplate(transactionManager);
        this.events = events;
        this.repository = repository;
        this.store = store;
        this.types = types;
        this.limits = limits;
        this.projects = projects;
        this.audit = audit;
    }

    /** The largest report file (the evidence limit). */
    public long maxFileSize() {
        return limits.maxFileSize().toBytes();
    }

    /**
     * The attestations the user may see: all for managers, admins and auditors without a scope; for members and
     * auditors limited to teams, those linked to a control of one of their teams' projects.
     */
    @PreAuthorize(HAS_EVIDENCE_READ)
    @Transactional(readOnly = true)
    public List<Attestation> attestations() {
        var teams = access.visibleTeams();
        if (teams.sqlIds() == null) {
            return repository.attestations();
        }
        return repository.attestations().stream()
                .filter(a -> transferQueries.attestationLinkedToTeams(a.id(), teams.sqlIds())).toList();
    }

    /** Records a report with a link, or with a file (fileName and content non-null). Compliance managers only. */
    @PreAuthorize(HAS_EVIDENCE_REVIEW)
    public Attestation create(String name, String reportType, LocalDate periodFrom, LocalDate periodTo,
                              LocalDate validUntil, @Nullable String url, @Nullable String fileName,
                              @Nullable InputStream content) {
        var problems = new java.util.ArrayList<String>();
        if (name == null || name.isBlank()) {
            problems.add("Name: e.g. AWS SOC 2 Type II report, Q1–Q2 2026.");
        }
        if (reportType == null || reportType.isBlank()) {
            problems.add("Report type: e.g. SOC 2 Type II, ISO/IEC 27001 certificate, PCI DSS AOC.");
        }
        if (periodFrom == null || periodTo == null || periodFrom.isAfter(periodTo)) {
            problems.add("Period covered: a start on or before its end.");
        }
        if (validUntil == null) {
            problems.add("Valid until: the date after which auditors will want the next report.");
        }
        boolean hasFile = fileName != null && content != null;
        boolean hasUrl = url != null && !url.isBlank();
        if (!hasFile && !hasUrl) {
            problems.add("Attach the report file or give a link to it (e.g. in AWS Artifact).");
        }
        if (hasUrl && !url.strip().matches("(?i)^https?://\\S+$")) {
            problems.add("Link: a web address starting with https://.");
        }
        if (!problems.isEmpty()) {
            throw new UserFacingException("The attestation was not saved: fix the fields below.", problems);
        }
        if (!hasFile) {
            return transactions.execute(tx -> insert(name, reportType, periodFrom, periodTo, validUntil, url, null, null, null, null));
        }
        String storedName = types.checkName(fileName);
        try (var permit = transfers.beginUpload(); var spool = SpooledUpload.receive(content, limits.maxFileSize().toBytes())) {
            String type;
            try (var head = spool.open()) {
                type = types.check(storedName, head);
            }
            // the same archive checks as evidence: an attestation is served to every auditor and into audit packages
            if (FileTypePolicy.isZipFamily(type)) {
                try (var archive = spool.open()) {
                    zips.check(archive, spool.size(), limits);
                }
            }
            return transactions.execute(tx -> {
                try (var in = java.nio.file.Files.newInputStream(spool.file())) {
                    var stored = store.store(in, limits.maxFileSize().toBytes());
                    return insert(name, reportType, periodFrom, periodTo, validUntil, url, stored.id(), storedName, type, stored);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new EvidenceRefused("The upload was interrupted: nothing was stored. Upload the file again.");
        }
    }

    private Attestation insert(String name, String reportType, LocalDate periodFrom, LocalDate periodTo, LocalDate validUntil,
                               String url, Long contentId, String storedName, String type, EvidenceStore.StoredContent stored) {
        boolean hasUrl = url != null && !url.isBlank();
        Long size = stored == null ? null : stored.size();
        String sha = stored == null ? null : stored.sha256();
        long id = repository.insertAttestation(name.strip(), reportType.strip(), periodFrom, periodTo, validUntil,
                hasUrl ? url.strip() : null, contentId, storedName, type, size, sha, Actors.currentUsername());
        var created = repository.attestation(id).orElseThrow();
        audit.record(AuditAction.ATTESTATION_CREATED, "attestation", id, created.reportType() + ": " + created.name(), null,
                "valid until " + created.validUntil() + (sha == null ? "" : "; sha256=" + sha));
        return created;
    }

    /**
     * Links the attestation to the AWS-owned rows of the given control codes in the given projects (all projects
     * the manager sees when none are given). Returns how many links were added.
     */
    @PreAuthorize(HAS_EVIDENCE_REVIEW)
    @Transactional
    public int link(long attestationId, Collection<String> codes, Collection<ProjectId> projectIds) {
        repository.attestation(attestationId).orElseThrow(() -> new UserFacingException("This attestation no longer exists."));
        if (codes.isEmpty()) {
            throw new UserFacingException("Choose the AWS controls the report covers.");
        }
        Collection<ProjectId> targets = projectIds.isEmpty()
                ? projects.findProjects("", false, 0, Integer.MAX_VALUE).stream().map(p -> p.id()).toList()
                : projectIds;
        var awsRows = projects.controlsForEdit(targets, codes).stream().filter(r -> r.data().owner() == Owner.AWS).toList();
        var rows = awsRows.stream().map(ProjectControl::id).toList();
        int linked = repository.link(attestationId, rows, Actors.currentUsername());
        events.publishEvent(new ProjectEvidenceChanged(awsRows.stream()
                .map(r -> r.data().projectId()).collect(java.util.stream.Collectors.toSet())));
        audit.record(AuditAction.ATTESTATION_LINKED, "attestation", attestationId, "Linked to " + linked + " project control(s)",
                null, String.join(", ", codes));
        return linked;
    }

    /**
     * An attestation's file, audited like an evidence download. Scope as for {@link #attestations()}: a member or an
     * auditor limited to teams downloads only attestations linked to their teams' projects; "does not exist" and
     * "not yours" end alike for the web layer. Not one transaction: the content streams one chunk per query.
     */
    @PreAuthorize(HAS_EVIDENCE_READ)
    public Download download(long attestationId) {
        var a = repository.attestation(attestationId).orElseThrow(() -> new UserFacingException("This attestation no longer exists."));
        var teams = access.visibleTeams();
        if (teams.sqlIds() != null && !transferQueries.attestationLinkedToTeams(attestationId, teams.sqlIds())) {
            events.publishEvent(new com.demarc.shared.AccessDenied(Actors.currentUsername(), "download attestation " + attestationId));
            throw new org.springframework.security.access.AccessDeniedException("This attestation is not linked to your teams' projects.");
        }
        long content = repository.attestationContent(attestationId)
                .orElseThrow(() -> new UserFacingException("This attestation is a link, not a file."));
        String type = repository.attestationContentType(attestationId).orElse("application/octet-stream");
        audit.recordIndependently(AuditAction.ATTESTATION_DOWNLOADED, "attestation", attestationId, a.fileName() + " (sha256 " + a.sha256() + ")");
        return new Download(a.fileName(), type, a.size(), a.sha256(), () -> store.open(content));
    }
}
