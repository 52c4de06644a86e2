package com.demarc.evidence;

import com.demarc.audit.AuditAction;
import com.demarc.catalog.Owner;
import com.demarc.evidence.internal.EvidenceRepository;
import com.demarc.evidence.internal.FileTypePolicy;
import com.demarc.evidence.internal.TransferQueries;
import com.demarc.evidence.internal.ZipInspector;
import com.demarc.project.EvidenceState;
import com.demarc.project.EvidenceStates;
import com.demarc.project.ProjectAccess;
import com.demarc.project.ProjectControl;
import com.demarc.project.ProjectControlId;
import com.demarc.project.ProjectService;
import com.demarc.security.CurrentUser;
import com.demarc.shared.Actors;
import com.demarc.shared.ConcurrentEditException;
import com.demarc.shared.Role;
import com.demarc.shared.UserFacingException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import org.jspecify.annotations.Nullable;

import java.io.IOException;
import java.io.InputStream;
import java.security.DigestInputStream;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

import static com.demarc.shared.Permissions.HAS_EVIDENCE_READ;
import static com.demarc.shared.Permissions.HAS_PROJECT_READ;
import static com.demarc.shared.Permissions.HAS_EVIDENCE_REVIEW;
import static com.demarc.shared.Permissions.HAS_EVIDENCE_UPLOAD;

/**
 * Evidence for project controls: uploads are checked (size while streaming, type by content, name, zip bombs) and
 * stored with their SHA-256 in the same transaction as their row, or not at all.
 */
@Service
public class EvidenceService implements EvidenceStates {
    private final org.springframework.context.ApplicationEventPublisher events;
    private final com.demarc.audit.AuditLog audit;
    private static final Pattern URL = Pattern.compile("^https?://[^\\s/$.?#][^\\s]*$", Pattern.CASE_INSENSITIVE);

    private final EvidenceRepository repository;
    private final EvidenceStore store;
    private final FileTypePolicy types;
    private final ZipInspector zips;
    private final EvidenceLimits limits;
    private final ProjectService projects;
    private final ProjectAccess access;
    private final CurrentUser currentUser;
    private final Transfers transfers;
    private final TransferQueries transferQueries;
    private final TransactionTemplate transactions;
    private final ReviewSettings reviewSettings;
    private final io.micrometer.core.instrument.MeterRegistry meters;
    private final io.micrometer.core.instrument.Counter uploads;
    private final io.micrometer.core.instrument.Counter uploadBytes;

    EvidenceService(EvidenceRepository repository, EvidenceStore store, FileTypePolicy types, ZipInspector zips,
                    EvidenceLimits limits, ProjectService projects, ProjectAccess access, CurrentUser currentUser,
                    com.demarc.audit.AuditLog audit, org.springframework.context.ApplicationEventPublisher events,
                    Transfers transfers, TransferQueries transferQueries, PlatformTransactionManager transactionManager,
                    ReviewSettings reviewSettings, io.micrometer.core.instrument.MeterRegistry meters) {
        this.meters = meters;
        this.uploads = io.micrometer.core.instrument.Counter.builder("demarc.evidence.uploads")
                .description("Evidence files stored").register(meters);
        this.uploadBytes = io.micrometer.core.instrument.Counter.builder("demarc.evidence.upload.bytes")
                .description("Bytes of evidence files stored").baseUnit("bytes").register(meters);
        this.transfers = transfers;
        this.transferQueries = transferQueries;
        this.transactions = new TransactionTemplate(transactionManager);
        this.reviewSettings = reviewSettings;
        this.events = events;
        this.repository = repository;
        this.store = store;
        this.types = types;
        this.zips = zips;
        this.limits = limits;
        this.projects = projects;
        this.access = access;
        this.currentUser = currentUser;
        this.audit = audit;
    }

    public long maxFileSize() {
        return limits.maxFileSize().toBytes();
    }

    /**
     * The evidence state of a page of project controls (the matrix, "my responsibilities"): everyone who may read the
     * rows may read their state, so the permission is the register's, and the scope is checked again here.
     */
    @Override
    @PreAuthorize(HAS_PROJECT_READ)
    @Transactional(readOnly = true)
    public java.util.Map<ProjectControlId, EvidenceState> states(List<ProjectControl> page) {
        if (page.isEmpty()) {
            return java.util.Map.of();
        }
        access.requireReadAll(page.stream().map(r -> r.data().projectId()).collect(java.util.stream.Collectors.toSet()));
        var aws = page.stream().filter(r -> r.data().owner() == Owner.AWS).map(ProjectControl::id).toList();
        var others = page.stream().filter(r -> r.data().owner() != Owner.AWS).map(ProjectControl::id).toList();
        var found = new java.util.HashMap<>(repository.attestationStates(aws));
        found.putAll(repository.itemStates(others));
        var result = new java.util.LinkedHashMap<ProjectControlId, EvidenceState>();
        page.forEach(r -> result.put(r.id(), found.getOrDefault(r.id(), EvidenceState.NONE)));
        return result;
    }

    @PreAuthorize(HAS_EVIDENCE_READ)
    @Transactional(readOnly = true)
    public List<EvidenceItem> items(ProjectControlId control) {
        projects.control(control);
        return repository.items(control);
    }

    /**
     * Evidence whose validity ends on or before {@code until} (expired included), of the projects the user may read,
     * for expiry reminders; at most {@code limit}, soonest first.
     */
    @PreAuthorize(HAS_EVIDENCE_READ)
    @Transactional(readOnly = true)
    public List<ExpiringEvidence> expiringBy(LocalDate until, int limit) {
        var found = repository.expiringBy(until, limit);
        var readable = new java.util.HashSet<ProjectControlId>();
        projects.controlsByIds(found.stream().map(ExpiringEvidence::control).distinct().toList())
                .forEach(c -> readable.add(c.id()));
        return found.stream().filter(e -> readable.contains(e.control())).toList();
    }

    /** AWS attestations linked to this (AWS-owned) project control. */
    @PreAuthorize(HAS_EVIDENCE_READ)
    @Transactional(readOnly = true)
    public List<Attestation> attestations(ProjectControlId control) {
        projects.control(control);
        return repository.attestationsOf(control);
    }

    /**
     * Uploads a file as a new evidence item ({@code itemId} null) or as a new version of an item. The bytes are first
     * received into a temporary file (size, SHA-256, type and zip checks; no database connection held while they
     * arrive), then stored with their rows in one short transaction. A retry of the same content (same name and
     * SHA-256) to the same item, or as a new item of the same control, returns what is stored: no duplicate. Refused
     * uploads leave nothing behind.
     */
    @PreAuthorize(HAS_EVIDENCE_UPLOAD)
    public EvidenceItem upload(ProjectControlId controlId, @Nullable Long itemId, String fileName, InputStream in,
                               @Nullable String title, @Nullable LocalDate validFrom, @Nullable LocalDate validUntil) {
        var control = requireUploadable(controlId);
        // what is being checked, so that a refusal is counted by its reason (demarc.evidence.uploads.refused)
        var phase = new String[]{"name"};
        try {
            String name = types.checkName(fileName);
            phase[0] = "validity";
            checkValidity(validFrom, validUntil);
            phase[0] = "busy";
            try (var permit = transfers.beginUpload(); var spool = receive(in, phase)) {
                String contentType;
                phase[0] = "type";
                try (var head = spool.open()) {
                    contentType = types.check(name, head);
                }
                if (FileTypePolicy.isZipFamily(contentType)) {
                    phase[0] = "archive";
                    try (var content = spool.open()) {
                        zips.check(content, spool.size(), limits);
                    }
                }
                phase[0] = "store";
                var saved = transactions.execute(tx -> storeSpooled(control, itemId, name, title, validFrom, validUntil, spool, contentType));
                uploads.increment();
                uploadBytes.increment(spool.size());
                return saved;
            } catch (IOException | java.io.UncheckedIOException e) {
                phase[0] = "interrupted";
                throw new EvidenceRefused("The upload of '" + name + "' was interrupted (" + e.getMessage()
                        + "): nothing was stored. Upload the file again.");
            }
        } catch (UserFacingException e) {
            meters.counter("demarc.evidence.uploads.refused", "reason", phase[0]).increment();
            throw e;
        }
    }

    private SpooledUpload receive(InputStream in, String[] phase) throws IOException {
        phase[0] = "interrupted";
        try {
            return SpooledUpload.receive(in, maxFileSize());
        } catch (EvidenceRefused e) {
            phase[0] = e.getMessage().startsWith("The file is empty") ? "empty" : "size";
            throw e;
        }
    }

    private EvidenceItem storeSpooled(ProjectControl control, Long itemId, String name, String title, LocalDate validFrom,
                                      LocalDate validUntil, SpooledUpload spool, String contentType) {
        var controlId = control.id();
        transferQueries.lockControlForUpload(controlId);
        if (itemId == null) {
            var same = transferQueries.itemWithCurrentContent(controlId, name, spool.sha256());
            if (same.isPresent()) {
                return repository.item(same.get()).orElseThrow();
            }
        } else {
            var existing = repository.item(itemId).orElseThrow(() -> new UserFacingException("This evidence item no longer exists."));
            if (!existing.controlId().equals(controlId) || !existing.kind().equals("FILE")) {
                throw new UserFacingException("A new version must be a file for the same control.");
            }
            if (transferQueries.currentSha256(itemId).filter(spool.sha256()::equals).isPresent()) {
                return existing;
            }
        }
        EvidenceStore.StoredContent stored;
        try (var content = java.nio.file.Files.newInputStream(spool.file())) {
            stored = store.store(content, maxFileSize());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        if (!stored.sha256().equals(spool.sha256()) || stored.size() != spool.size()) {
            throw new EvidenceRefused("The received file changed while it was stored: nothing was stored. Upload it again.");
        }
        long item;
        if (itemId == null) {
            String itemTitle = title == null || title.isBlank() ? name : title.strip();
            item = repository.insertItem(controlId, "FILE", itemTitle, "", null, validFrom, validUntil, Actors.currentUsername());
        } else {
            item = itemId;
            repository.touchItem(item, Actors.currentUsername());
        }
        repository.insertVersion(item, stored.id(), name, contentType, stored.size(), stored.sha256(), Actors.currentUsername());
        var saved = repository.item(item).orElseThrow();
        events.publishEvent(ProjectEvidenceChanged.of(control.data().projectId()));
        audit.record(AuditAction.EVIDENCE_UPLOADED, "evidence", saved.current().id(), control.data().projectName() + " · " + control.data().code()
                + ": " + name + " (version " + saved.current().number() + ")", null,
                "sha256=" + stored.sha256() + "; size=" + stored.size() + "; type=" + contentType);
        events.publishEvent(new EvidenceSubmitted(controlId, control.data().projectId(),
                control.data().projectName() + " · " + control.data().code(), name));
        return saved;
    }

    /** Evidence as a link (a ticket, a dashboard, a document in another system) with a description. */
    @PreAuthorize(HAS_EVIDENCE_UPLOAD)
    @Transactional
    public EvidenceItem addLink(ProjectControlId controlId, String title, String url, @Nullable String description,
                                @Nullable LocalDate validFrom, @Nullable LocalDate validUntil) {
        var control = requireUploadable(controlId);
        if (url == null || !URL.matcher(url.strip()).matches() || url.strip().length() > 2000) {
            throw new UserFacingException("Enter a web address starting with http:// or https://, e.g. https://jira.example.com/browse/SEC-12.");
        }
        if (title == null || title.isBlank()) {
            throw new UserFacingException("Give the link a title that says what it proves.");
        }
        checkValidity(validFrom, validUntil);
        long item = repository.insertItem(controlId, "LINK", title.strip(), description == null ? "" : description.strip(),
                url.strip(), validFrom, validUntil, Actors.currentUsername());
        repository.insertVersion(item, null, null, null, null, null, Actors.currentUsername());
        var saved = repository.item(item).orElseThrow();
        events.publishEvent(ProjectEvidenceChanged.of(projects.control(controlId).data().projectId()));
        audit.record(AuditAction.EVIDENCE_LINK_ADDED, "evidence", saved.current().id(), controlId.value() + ": " + title.strip(), null, url.strip());
        events.publishEvent(new EvidenceSubmitted(controlId, control.data().projectId(),
                control.data().projectName() + " · " + control.data().code(), title.strip()));
        return saved;
    }

    /**
     * Changes an item's validity period. Accepted evidence goes back to review (a reviewer accepted it for the old
     * period, not the new one); the change is audited either way.
     */
    @PreAuthorize(HAS_EVIDENCE_UPLOAD)
    @Transactional
    public EvidenceItem setValidity(long itemId, long expectedVersion, @Nullable LocalDate validFrom,
                                    @Nullable LocalDate validUntil) {
        var item = repository.item(itemId).orElseThrow(() -> new UserFacingException("This evidence item no longer exists."));
        var control = requireUploadable(item.controlId());
        checkValidity(validFrom, validUntil);
        if (!repository.updateValidity(itemId, expectedVersion, validFrom, validUntil, Actors.currentUsername())) {
            throw new ConcurrentEditException("Evidence '" + item.title() + "'", null, null);
        }
        String before = period(item.validFrom(), item.validUntil());
        String after = period(validFrom, validUntil);
        var current = item.current();
        boolean returned = current.reviewState() == ReviewState.ACCEPTED && !before.equals(after)
                && repository.returnToReview(current.id(), "Returned to review: the validity changed from " + before
                + " to " + after + " after " + current.reviewedBy() + " accepted it.");
        events.publishEvent(ProjectEvidenceChanged.of(control.data().projectId()));
        audit.record(AuditAction.EVIDENCE_VALIDITY_CHANGED, "evidence-item", itemId, control.data().projectName() + " · " + control.data().code()
                + ": validity of '" + item.title() + "'" + (returned ? "; accepted by " + current.reviewedBy()
                + ", returned to review" : ""), before, after + (returned ? "; review: ACCEPTED -> SUBMITTED" : ""));
        return repository.item(itemId).orElseThrow();
    }

    private static String period(LocalDate from, LocalDate until) {
        return (from == null ? "open" : from.toString()) + ".." + (until == null ? "open" : until.toString());
    }

    /**
     * Accepts or rejects a submitted version; a rejection needs a comment the uploader will read. Nobody accepts
     * evidence they uploaded (separation of duties) unless {@code demarc.evidence.allow-self-review} is set for
     * one-person teams, and then the audit entry says it was a self-review.
     */
    @PreAuthorize(HAS_EVIDENCE_REVIEW)
    @Transactional
    public EvidenceVersion review(long versionId, long expectedVersion, boolean accept, @Nullable String comment) {
        var row = repository.version(versionId).orElseThrow(() -> new UserFacingException("This evidence no longer exists."));
        projects.control(row.controlId());
        if (!accept && (comment == null || comment.isBlank())) {
            throw new UserFacingException("Say why the evidence is rejected, so the uploader can fix it.");
        }
        if (row.version().reviewState() != ReviewState.SUBMITTED) {
            throw new UserFacingException("This version was already " + row.version().reviewState().label().toLowerCase()
                    + " by " + row.version().reviewedBy() + ".");
        }
        var current = repository.item(row.version().itemId()).orElseThrow().current();
        if (current.id() != versionId) {
            throw new UserFacingException("Version " + current.number() + " of this evidence was uploaded since, by "
                    + current.uploadedBy() + ": review that one on the control's page.");
        }
        String me = Actors.currentUsername();
        boolean selfReview = accept && me.equals(row.version().uploadedBy());
        if (selfReview && !reviewSettings.allowSelfReview()) {
            audit.recordIndependently(AuditAction.EVIDENCE_SELF_REVIEW_REFUSED, "evidence", versionId,
                    me + " tried to accept evidence they uploaded (" + row.version().fileName() + ")");
            throw new UserFacingException("You uploaded this evidence, so someone else must accept it (separation of "
                    + "duties): ask another compliance manager to review it.");
        }
        if (!repository.review(versionId, expectedVersion, accept ? ReviewState.ACCEPTED : ReviewState.REJECTED,
                comment == null ? null : comment.strip(), me)) {
            throw new ConcurrentEditException("The evidence", row.version().reviewedBy(), row.version().reviewedAt());
        }
        var reviewed = repository.version(versionId).orElseThrow().version();
        var reviewedControl = projects.control(row.controlId());
        events.publishEvent(ProjectEvidenceChanged.of(reviewedControl.data().projectId()));
        events.publishEvent(new EvidenceReviewed(row.controlId(), reviewedControl.data().projectId(),
                reviewedControl.data().projectName() + " · " + reviewedControl.data().code(),
                row.version().fileName() == null ? "link" : row.version().fileName(), accept,
                comment == null || comment.isBlank() ? null : comment.strip(), row.version().uploadedBy()));
        audit.record(AuditAction.EVIDENCE_REVIEWED, "evidence", versionId, (row.version().fileName() == null ? "link"
                : row.version().fileName()) + " " + reviewed.reviewState().label().toLowerCase()
                + (selfReview ? " by its own uploader (self-review allowed by demarc.evidence.allow-self-review)" : ""),
                ReviewState.SUBMITTED.name(), reviewed.reviewState().name() + (selfReview ? " (self-review)" : "")
                + (comment == null || comment.isBlank() ? "" : ": " + comment.strip()));
        return reviewed;
    }

    /** Deletes an item with all its versions and content: managers, or the uploader while nothing is accepted. */
    @PreAuthorize(HAS_EVIDENCE_UPLOAD)
    @Transactional
    public void delete(long itemId) {
        var item = repository.item(itemId).orElseThrow(() -> new UserFacingException("This evidence item no longer exists."));
        requireUploadable(item.controlId());
        var me = currentUser.require();
        boolean accepted = item.versions().stream().anyMatch(v -> v.reviewState() == ReviewState.ACCEPTED);
        if (!me.hasRole(Role.MANAGER) && (!item.createdBy().equals(me.getUsername()) || accepted)) {
            throw new AccessDeniedException("Only a compliance manager can delete accepted evidence or someone else's evidence.");
        }
        var contents = repository.contentIdsOfItem(itemId);
        repository.deleteItem(itemId);
        contents.forEach(store::delete);
        events.publishEvent(ProjectEvidenceChanged.of(projects.control(item.controlId()).data().projectId()));
        audit.record(AuditAction.EVIDENCE_DELETED, "evidence-item", itemId, "Deleted evidence '" + item.title() + "' ("
                + item.versions().size() + " version(s))", item.versions().stream().filter(EvidenceVersion::isFile)
                .map(v -> v.fileName() + " " + v.sha256()).collect(java.util.stream.Collectors.joining("; ")), null);
    }

    /** Re-reads the stored content and hashes it again. */
    @PreAuthorize(HAS_EVIDENCE_READ)
    @Transactional(readOnly = true)
    public VerifyResult verify(long versionId) {
        var row = repository.version(versionId).orElseThrow(() -> new UserFacingException("This evidence no longer exists."));
        projects.control(row.controlId());
        if (row.contentId() == null) {
            throw new UserFacingException("A link has no stored content to verify.");
        }
        var sha = sha256();
        long size = 0;
        try (var in = new DigestInputStream(store.open(row.contentId()), sha)) {
            byte[] buffer = new byte[64 * 1024];
            int n;
            while ((n = in.read(buffer)) > 0) {
                size += n;
            }
        } catch (IOException e) {
            throw new UserFacingException("The stored content could not be read: " + e.getMessage());
        }
        String actual = HexFormat.of().formatHex(sha.digest());
        return new VerifyResult(actual.equals(row.version().sha256()) && size == row.version().size(),
                row.version().sha256(), actual, size);
    }

    /**
     * A stored file for download, after checking the reader's permission and scope. Not one transaction: the checks
     * and the audit entry are short statements of their own, and the content is read one chunk per query while it
     * streams, so a slow reader holds no database connection. "Does not exist" and "not yours" both end in an
     * exception the web layer answers identically.
     */
    @PreAuthorize(HAS_EVIDENCE_READ)
    public Download download(long versionId) {
        var row = repository.version(versionId).orElseThrow(() -> new UserFacingException("This evidence no longer exists."));
        projects.control(row.controlId());
        if (row.contentId() == null) {
            throw new UserFacingException("This evidence is a link, not a file.");
        }
        var v = row.version();
        long content = row.contentId();
        audit.recordIndependently(AuditAction.EVIDENCE_DOWNLOADED, "evidence", versionId, v.fileName() + " (sha256 " + v.sha256() + ")");
        return new Download(v.fileName(), v.contentType(), v.size(), v.sha256(), () -> store.open(content));
    }

    @PreAuthorize(HAS_EVIDENCE_REVIEW)
    @Transactional(readOnly = true)
    public List<ReviewItem> reviewQueue(int offset, int limit) {
        var teams = access.visibleTeams();
        var rows = repository.submitted(teams, offset, limit);
        return reviewItems(rows);
    }

    @PreAuthorize(HAS_EVIDENCE_REVIEW)
    @Transactional(readOnly = true)
    public int countReviewQueue() {
        return repository.countSubmitted(access.visibleTeams());
    }

    /**
     * The signed-in user's evidence that a reviewer rejected and that no newer version has replaced yet, with the
     * reviewer's comment: what their start page asks them to fix. Only controls they may still read.
     */
    @PreAuthorize(HAS_EVIDENCE_UPLOAD)
    @Transactional(readOnly = true)
    public List<ReviewItem> myRejected(int limit) {
        var rows = repository.rejectedOf(Actors.currentUsername(), limit);
        return reviewItems(rows);
    }

    /**
     * The first 64 KB of a stored text file, decoded as UTF-8, for the reviewer's preview (shown escaped, as text).
     * Same checks as a download.
     */
    @PreAuthorize(HAS_EVIDENCE_REVIEW)
    public String previewText(long versionId) {
        var d = download(versionId);
        try (var in = d.content().open()) {
            return new String(in.readNBytes(64 * 1024), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UserFacingException("The stored file could not be read for the preview: " + e.getMessage());
        }
    }

    /** The rows with their controls and items (three queries whatever their number), those the user may read. */
    private List<ReviewItem> reviewItems(List<EvidenceRepository.VersionRow> rows) {
        var controls = projects.controlsByIds(rows.stream().map(EvidenceRepository.VersionRow::controlId).distinct().toList());
        var byId = new java.util.HashMap<ProjectControlId, ProjectControl>();
        controls.forEach(c -> byId.put(c.id(), c));
        var readable = rows.stream().filter(r -> byId.containsKey(r.controlId())).toList();
        var items = repository.items(readable.stream().map(r -> r.version().itemId()).toList());
        return readable.stream().filter(r -> items.containsKey(r.version().itemId()))
                .map(r -> new ReviewItem(byId.get(r.controlId()), items.get(r.version().itemId()), r.version()))
                .toList();
    }

    /** A version waiting for review, with its control and item. */
    public record ReviewItem(ProjectControl control, EvidenceItem item, EvidenceVersion version) {
    }

    private ProjectControl requireUploadable(ProjectControlId controlId) {
        var control = projects.control(controlId);
        access.requireEdit(control.data().projectId());
        if (control.data().owner() == Owner.AWS || control.data().owner() == Owner.NOT_APPLICABLE) {
            throw new UserFacingException(control.data().code() + " is " + (control.data().owner() == Owner.AWS ? "AWS's" : "not applicable")
                    + " for this project: it is evidenced by AWS attestations, not uploads.");
        }
        return control;
    }

    private static void checkValidity(LocalDate from, LocalDate until) {
        if (from != null && until != null && from.isAfter(until)) {
            throw new UserFacingException("Valid from must be on or before valid until.");
        }
    }

    static java.security.MessageDigest sha256() {
        try {
            return java.security.MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
