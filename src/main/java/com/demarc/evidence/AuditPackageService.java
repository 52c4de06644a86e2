package com.demarc.evidence;

import com.demarc.audit.AuditAction;
import com.demarc.evidence.internal.EvidenceRepository;
import com.demarc.audit.AuditSigner;
import com.demarc.evidence.internal.ZipInspector;
import com.demarc.shared.SpreadsheetCells;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.unit.DataSize;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.zip.ZipFile;
import com.demarc.project.ControlQuery;
import com.demarc.project.Project;
import com.demarc.project.ProjectId;
import com.demarc.project.ProjectService;
import com.demarc.raci.MatrixQuery;
import com.demarc.raci.MatrixRow;
import com.demarc.raci.RaciService;
import com.demarc.shared.UserFacingException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import org.jspecify.annotations.Nullable;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static com.demarc.shared.Permissions.HAS_EVIDENCE_EXPORT;

/**
 * Audit packages: a project's current accepted, unexpired evidence in a folder per control, the AWS attestations of
 * its inherited controls, a manifest (CSV and JSON) of every control with owner, RACI, status, file, size and
 * SHA-256, and {@code manifest.sig}: the manifest signed with Demarc's audit key ({@link AuditSigner}). Streamed as
 * a ZIP after reading what goes in it in one short transaction; verifiable later against the signature, the
 * manifest and the hashes Demarc stored.
 */
@Service
public class AuditPackageService {
    private final com.demarc.audit.AuditLog audit;
    static final String[] COLUMNS = {"path", "control", "title", "owner", "raci", "status", "evidence", "file", "size",
            "sha256", "uploaded_by", "uploaded_at", "reviewed_by", "reviewed_at", "valid_until", "source"};
    static final String SIGNATURE = "manifest.sig";
    private static final long MAX_SIGNATURE_SIZE = 64 * 1024;
    private static final JsonMapper MANIFEST_JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private final EvidenceRepository repository;
    private final EvidenceStore store;
    private final ProjectService projects;
    private final RaciService raci;
    private final Clock clock;
    private final AuditSigner signer;
    private final ZipInspector zips;
    private final EvidenceLimits evidenceLimits;
    private final PackageLimits limits;
    private final TransactionTemplate readOnly;

    AuditPackageService(EvidenceRepository repository, EvidenceStore store, ProjectService projects, RaciService raci,
                        Clock clock, com.demarc.audit.AuditLog audit, AuditSigner signer, ZipInspector zips,
                        EvidenceLimits evidenceLimits, PackageLimits limits, PlatformTransactionManager transactions) {
        this.repository = repository;
        this.store = store;
        this.projects = projects;
        this.raci = raci;
        this.clock = clock;
        this.audit = audit;
        this.signer = signer;
        this.zips = zips;
        this.evidenceLimits = evidenceLimits;
        this.limits = limits;
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
    }

    /** The largest package {@link #verify} accepts, in bytes. */
    public long maxPackageSize() {
        return limits.maxPackageSize().toBytes();
    }

    /** The package's file name, e.g. demarc-audit-checkout-api-2026-11-28.zip. */
    @PreAuthorize(HAS_EVIDENCE_EXPORT)
    public String fileName(ProjectId project) {
        var p = projects.project(project);
        return "demarc-audit-" + p.name().toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-")
                + "-" + projects.today() + ".zip";
    }

    /** What goes into a package: the manifest rows and the files to stream (path and stored content). */
    private record Plan(Project project, List<ManifestRow> rows, List<FileToWrite> files) {
    }

    /** One line of the manifest, in the order of {@link #COLUMNS}. */
    record ManifestRow(String path, String control, String title, String owner, String raci, String status,
                       String evidence, String file, String size, String sha256, String uploadedBy, String uploadedAt,
                       String reviewedBy, String reviewedAt, String validUntil, String source) {

        /** A control with nothing in the package: only its own columns. */
        static ManifestRow controlOnly(MatrixRow row, String raciText) {
            var c = row.control();
            return new ManifestRow("", c.data().code(), c.data().title(), c.data().owner().label(), raciText, c.data().status().label(),
                    "", "", "", "", "", "", "", "", "", "");
        }

        List<String> values() {
            return java.util.Arrays.asList(path, control, title, owner, raci, status, evidence, file, size, sha256,
                    uploadedBy, uploadedAt, reviewedBy, reviewedAt, validUntil, source);
        }

        /** The JSON object: column name → value, in column order. */
        Map<String, String> asMap() {
            var values = values();
            var map = new java.util.LinkedHashMap<String, String>();
            for (int i = 0; i < COLUMNS.length; i++) {
                map.put(COLUMNS[i], values.get(i));
            }
            return map;
        }
    }

    private record FileToWrite(String path, long contentId) {
    }

    /**
     * Writes the package for the project's controls matching the query (null = all) as a ZIP to the stream. What
     * goes in is read in one short read-only transaction; the files are then streamed one chunk query at a time, so
     * no connection is held while bytes travel to a slow client.
     */
    @PreAuthorize(HAS_EVIDENCE_EXPORT)
    public void write(ProjectId projectId, @Nullable ControlQuery filter, OutputStream out) throws IOException {
        Plan plan = readOnly.execute(s -> plan(projectId, filter));
        audit.recordIndependently(AuditAction.AUDIT_PACKAGE_EXPORTED, "project", projectId.value(), "Audit package of "
                + plan.project().name() + " (" + plan.files().size() + " files, signed by audit key " + signer.keyId() + ")");
        var zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
        for (FileToWrite file : plan.files()) {
            zip.putNextEntry(new ZipEntry(file.path()));
            try (InputStream in = store.open(file.contentId())) {
                in.transferTo(zip);
            }
            zip.closeEntry();
        }
        byte[] csv = csv(plan.rows());
        byte[] json = json(plan.project(), plan.rows());
        zip.putNextEntry(new ZipEntry("manifest.csv"));
        zip.write(csv);
        zip.closeEntry();
        zip.putNextEntry(new ZipEntry("manifest.json"));
        zip.write(json);
        zip.closeEntry();
        zip.putNextEntry(new ZipEntry(SIGNATURE));
        zip.write(signature(csv, json));
        zip.closeEntry();
        zip.finish();
        zip.flush();
    }

    private Plan plan(ProjectId projectId, ControlQuery filter) {
        Project project = projects.project(projectId);
        var query = filter == null ? new ControlQuery(projectId, null, null, null, null, null)
                : new ControlQuery(projectId, null, filter.domainCode(), filter.owner(), filter.status(), filter.text());
        var today = projects.today();
        var rows = new ArrayList<ManifestRow>();
        var files = new ArrayList<FileToWrite>();
        var attestationsWritten = new HashMap<Long, String>();
        int offset = 0;
        while (true) {
            List<MatrixRow> page = raci.matrix(new MatrixQuery(query, false), offset, 200);
            if (page.isEmpty()) {
                break;
            }
            offset += page.size();
            for (MatrixRow row : page) {
                var c = row.control();
                String raciText = c.needsRaci() ? row.raci().summary() : "";
                int before = rows.size();
                for (EvidenceItem item : repository.items(c.id())) {
                    var v = item.current();
                    if (v.reviewState() != ReviewState.ACCEPTED || item.expired(today)) {
                        continue;
                    }
                    if (!v.isFile()) {
                        rows.add(new ManifestRow("", c.data().code(), c.data().title(), c.data().owner().label(), raciText, c.data().status().label(),
                                item.title(), item.url(), "", "", v.uploadedBy(), str(v.uploadedAt()), v.reviewedBy(),
                                str(v.reviewedAt()), str(item.validUntil()), "evidence-version:" + v.id()));
                        continue;
                    }
                    String path = c.data().code() + "/" + v.id() + "-" + v.fileName();
                    files.add(new FileToWrite(path, repository.version(v.id()).orElseThrow().contentId()));
                    rows.add(new ManifestRow(path, c.data().code(), c.data().title(), c.data().owner().label(), raciText, c.data().status().label(),
                            item.title(), v.fileName(), String.valueOf(v.size()), v.sha256(), v.uploadedBy(),
                            str(v.uploadedAt()), v.reviewedBy(), str(v.reviewedAt()), str(item.validUntil()),
                            "evidence-version:" + v.id()));
                }
                for (Attestation a : repository.attestationsOf(c.id())) {
                    if (!a.valid(today)) {
                        continue;
                    }
                    String path = "";
                    if (a.sha256() != null) {
                        path = attestationsWritten.get(a.id());
                        if (path == null) {
                            path = "_aws-attestations/" + a.id() + "-" + a.fileName();
                            files.add(new FileToWrite(path, repository.attestationContent(a.id()).orElseThrow()));
                            attestationsWritten.put(a.id(), path);
                        }
                    }
                    rows.add(new ManifestRow(path, c.data().code(), c.data().title(), c.data().owner().label(), "", c.data().status().label(),
                            a.reportType() + ": " + a.name(), a.sha256() == null ? a.url() : a.fileName(),
                            a.size() == null ? "" : String.valueOf(a.size()), a.sha256() == null ? "" : a.sha256(),
                            a.createdBy(), "", "", "", str(a.validUntil()), "attestation:" + a.id()));
                }
                if (rows.size() == before) {
                    rows.add(ManifestRow.controlOnly(row, raciText));
                }
            }
        }
        return new Plan(project, rows, files);
    }

    /** manifest.sig: the audit key's id and public key, and an Ed25519 signature over the exact bytes of each manifest. */
    private byte[] signature(byte[] csv, byte[] json) {
        return ("# Demarc audit package signature: Ed25519 with the audit key over the exact bytes of each file below.\n"
                + "key-id=" + signer.keyId() + "\n"
                + "algorithm=Ed25519\n"
                + "public-key=" + signer.publicKeyBase64() + "\n"
                + "manifest.csv=" + signer.sign(csv) + "\n"
                + "manifest.json=" + signer.sign(json) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Checks a package: that its manifest is signed by this Demarc's audit key, that every file matches the
     * manifest, and that every manifest line matches the hash Demarc stored for that evidence version or
     * attestation. The upload is spooled to a temporary file (refused past {@code demarc.evidence.max-package-size}
     * while streaming, deleted afterwards) and inspected like any archive (no bombs, no hidden entries) before
     * anything is read from it. Names every file or manifest line that differs.
     */
    @PreAuthorize(HAS_EVIDENCE_EXPORT)
    public PackageReport verify(InputStream packageZip) {
        Path tmp = null;
        try {
            tmp = Files.createTempFile("demarc-package-", ".zip");
            spool(packageZip, tmp, maxPackageSize());
            long max = maxPackageSize();
            var zipLimits = new ZipInspector.Limits(evidenceLimits.maxZipEntries(),
                    Math.max(evidenceLimits.maxZipUnpacked().toBytes(), max), evidenceLimits.maxZipRatio(),
                    "the package was not verified");
            List<ZipInspector.Entry> entries;
            try {
                entries = zips.inspect(tmp, zipLimits, true);
            } catch (EvidenceRefused e) {
                throw new UserFacingException(e.getMessage().replace("ZIP, XLSX and DOCX files must be ordinary archives; "
                        + "save or export the file again and use that.", "Download the package from Demarc again."));
            }
            return check(tmp, entries);
        } catch (IOException e) {
            throw new UserFacingException("The package could not be read (" + e.getMessage() + "): choose a Demarc audit "
                    + "package and try again.");
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the temporary directory is cleaned by the system
                }
            }
        }
    }

    private static void spool(InputStream in, Path file, long max) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        try (OutputStream out = Files.newOutputStream(file)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                total += n;
                if (total > max) {
                    throw new UserFacingException("The package is larger than " + DataSize.ofBytes(max).toMegabytes()
                            + " MB (demarc.evidence.max-package-size): it was not verified. Verify a smaller package, "
                            + "e.g. one exported for fewer controls.");
                }
                out.write(buffer, 0, n);
            }
        }
    }

    private PackageReport check(Path file, List<ZipInspector.Entry> entries) throws IOException {
        Map<String, ZipInspector.Entry> actual = new HashMap<>();
        for (var e : entries) {
            if (!e.directory()) {
                actual.put(e.name(), e);
            }
        }
        var manifestEntry = actual.remove("manifest.csv");
        if (manifestEntry == null) {
            throw new UserFacingException("The ZIP has no manifest.csv: it is not a Demarc audit package.");
        }
        if (manifestEntry.size() > limits.maxManifestSize().toBytes()) {
            throw new UserFacingException("The package's manifest.csv is larger than "
                    + limits.maxManifestSize().toMegabytes() + " MB (demarc.evidence.max-manifest-size): it was not verified.");
        }
        var jsonEntry = actual.remove("manifest.json");
        var sigEntry = actual.remove(SIGNATURE);
        byte[] manifest;
        byte[] json = null;
        byte[] sig = null;
        try (var zip = new ZipFile(file.toFile(), StandardCharsets.UTF_8)) {
            manifest = read(zip, "manifest.csv", manifestEntry.size());
            if (jsonEntry != null && jsonEntry.size() <= limits.maxManifestSize().toBytes()) {
                json = read(zip, "manifest.json", jsonEntry.size());
            }
            if (sigEntry != null && sigEntry.size() <= MAX_SIGNATURE_SIZE) {
                sig = read(zip, SIGNATURE, sigEntry.size());
            }
        }
        var problems = new ArrayList<String>();
        boolean signed = checkSignature(manifest, json, jsonEntry != null, sig, problems);
        Set<String> listed = new HashSet<>();
        int checked = 0;
        try (var parser = CSVParser.builder().setReader(new StringReader(new String(manifest, StandardCharsets.UTF_8)))
                .setFormat(CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()).get()) {
            boolean hasSource = parser.getHeaderMap().containsKey("source");
            for (var record : parser) {
                String path = SpreadsheetCells.untext(record.get("path"));
                String line = "manifest line " + (record.getRecordNumber() + 1);
                if (path.isEmpty() || !listed.add(path)) {
                    continue;
                }
                checked++;
                String sha = record.get("sha256");
                String size = record.get("size");
                var found = actual.get(path);
                if (found == null) {
                    problems.add(path + ": listed in the manifest (" + line + ") but missing from the package.");
                    continue;
                }
                if (!found.sha256().equals(sha) || !String.valueOf(found.size()).equals(size)) {
                    problems.add(path + ": does not match the manifest (SHA-256 " + found.sha256() + ", expected " + sha + ").");
                    continue;
                }
                String source = hasSource ? record.get("source") : "";
                compareWithDemarc(path, line, source, sha, size, problems);
            }
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            throw new UserFacingException("The manifest.csv cannot be read (" + e.getMessage() + "): it was not verified.");
        }
        actual.keySet().stream().filter(p -> !listed.contains(p)).sorted()
                .forEach(p -> problems.add(p + ": in the package but not in the manifest."));
        return new PackageReport(checked, problems, signed, signer.keyId());
    }

    private static byte[] read(ZipFile zip, String name, long size) throws IOException {
        try (InputStream in = zip.getInputStream(zip.getEntry(name))) {
            return in.readNBytes((int) size);
        }
    }

    private boolean checkSignature(byte[] csv, byte[] json, boolean hasJson, byte[] sig, List<String> problems) {
        if (sig == null) {
            problems.add(SIGNATURE + ": missing, so nothing proves that Demarc made this manifest (packages exported "
                    + "before signing existed are not proof): export the package again.");
            return false;
        }
        var props = new Properties();
        try {
            props.load(new StringReader(new String(sig, StandardCharsets.UTF_8)));
        } catch (IOException | IllegalArgumentException e) {
            problems.add(SIGNATURE + ": unreadable (" + e.getMessage() + ").");
            return false;
        }
        String keyId = props.getProperty("key-id", "");
        if (!keyId.equals(signer.keyId())) {
            problems.add(SIGNATURE + ": signed with audit key " + (keyId.isBlank() ? "(none)" : keyId)
                    + ", but this Demarc's audit key is " + signer.keyId() + ": the package was not made by this Demarc.");
            return false;
        }
        boolean ok = true;
        if (!signer.verify(csv, props.getProperty("manifest.csv"))) {
            problems.add("manifest.csv: does not match its signature: the manifest was changed after Demarc exported it.");
            ok = false;
        }
        if (hasJson && (json == null || !signer.verify(json, props.getProperty("manifest.json")))) {
            problems.add("manifest.json: does not match its signature: it was changed after Demarc exported it.");
            ok = false;
        }
        return ok;
    }

    /** Compares a manifest line with what Demarc stored for that evidence version or attestation. */
    private void compareWithDemarc(String path, String line, String source, String sha, String size, List<String> problems) {
        String kind;
        long id;
        try {
            if (source.startsWith("evidence-version:") || source.startsWith("attestation:")) {
                kind = source.substring(0, source.indexOf(':'));
                id = Long.parseLong(source.substring(source.indexOf(':') + 1));
            } else {
                kind = path.startsWith("_aws-attestations/") ? "attestation" : "evidence-version";
                String file = path.substring(path.indexOf('/') + 1);
                id = Long.parseLong(file.substring(0, file.indexOf('-')));
            }
        } catch (RuntimeException e) {
            problems.add(path + ": " + line + " does not say which evidence it is, so it cannot be compared with Demarc.");
            return;
        }
        String storedSha;
        Long storedSize;
        if (kind.equals("attestation")) {
            var a = repository.attestation(id).orElse(null);
            if (a == null) {
                problems.add(path + ": " + line + " names attestation " + id + ", which Demarc no longer holds.");
                return;
            }
            storedSha = a.sha256();
            storedSize = a.size();
        } else {
            var v = repository.version(id).orElse(null);
            if (v == null) {
                problems.add(path + ": " + line + " names evidence version " + id + ", which Demarc no longer holds.");
                return;
            }
            try {
                projects.control(v.controlId());
            } catch (org.springframework.security.access.AccessDeniedException | UserFacingException e) {
                problems.add(path + ": " + line + " names evidence outside your scope, so it cannot be compared with Demarc.");
                return;
            }
            storedSha = v.version().sha256();
            storedSize = v.version().size();
        }
        if (!sha.equals(storedSha) || !size.equals(String.valueOf(storedSize))) {
            problems.add(path + ": " + line + " says SHA-256 " + sha + ", but Demarc stored " + storedSha + " for "
                    + kind.replace('-', ' ') + " " + id + ": the file and its manifest line were changed together.");
            return;
        }
        // the stored row is writable by the app's database login; the hash its upload recorded in the append-only,
        // hash-chained audit log is not (rows made without an upload entry, e.g. bulk scale data, have none)
        recordedSha(kind, id).filter(recorded -> !recorded.equals(sha)).ifPresent(recorded -> problems.add(path + ": "
                + line + " and Demarc's stored row say SHA-256 " + sha + ", but the audit log recorded " + recorded
                + " when " + kind.replace('-', ' ') + " " + id + " was uploaded: the stored evidence was altered."));
    }

    private static final java.util.regex.Pattern RECORDED_SHA = java.util.regex.Pattern.compile("sha256=([0-9a-f]{64})");

    private Optional<String> recordedSha(String kind, long id) {
        var after = kind.equals("attestation")
                ? audit.recordedAfter(com.demarc.audit.AuditAction.ATTESTATION_CREATED, "attestation", String.valueOf(id))
                : audit.recordedAfter(com.demarc.audit.AuditAction.EVIDENCE_UPLOADED, "evidence", String.valueOf(id));
        return after.map(RECORDED_SHA::matcher).filter(java.util.regex.Matcher::find).map(m -> m.group(1));
    }

    private static byte[] csv(List<ManifestRow> rows) throws IOException {
        var out = new ByteArrayOutputStream();
        try (var printer = new CSVPrinter(new OutputStreamWriter(out, StandardCharsets.UTF_8),
                CSVFormat.RFC4180.builder().setHeader(COLUMNS).get())) {
            for (ManifestRow row : rows) {
                printer.printRecord(SpreadsheetCells.row(row.values().toArray()));
            }
        }
        return out.toByteArray();
    }

    /** manifest.json: the project, when, and the manifest rows as objects; these exact bytes are signed. */
    private byte[] json(Project project, List<ManifestRow> rows) {
        var manifest = new java.util.LinkedHashMap<String, Object>();
        manifest.put("project", project.name());
        manifest.put("team", project.teamName());
        manifest.put("catalog", project.modelLabel());
        manifest.put("generatedAt", Instant.now(clock).toString());
        manifest.put("entries", rows.stream().map(ManifestRow::asMap).toList());
        return MANIFEST_JSON.writeValueAsBytes(manifest);
    }

    private static String str(Object o) {
        return o == null ? "" : o.toString();
    }

    private static java.security.MessageDigest sha256() {
        try {
            return java.security.MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
