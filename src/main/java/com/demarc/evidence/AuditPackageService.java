package com.demarc.evidence;

import com.demarc.evidence.internal.EvidenceRepository;
import com.demarc.project.ControlQuery;
import com.demarc.project.Project;
import com.demarc.project.ProjectId;
import com.demarc.project.ProjectService;
import com.demarc.raci.MatrixQuery;
import com.demarc.raci.MatrixRow;
import com.demarc.raci.RaciService;
import com.demarc.shared.Json;
import com.demarc.shared.UserFacingException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.DigestOutputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import static com.demarc.shared.Permissions.HAS_EVIDENCE_EXPORT;

/**
 * Audit packages: a project's current accepted, unexpired evidence in a folder per control, the AWS attestations of
 * its inherited controls, and a manifest (CSV and JSON) of every control with owner, RACI, status, file, size and
 * SHA-256 — streamed as a ZIP, and verifiable later against its manifest.
 */
@Service
public class AuditPackageService {
    private final com.demarc.audit.AuditLog audit;
    static final String[] COLUMNS = {"path", "control", "title", "owner", "raci", "status", "evidence", "file", "size",
            "sha256", "uploaded_by", "uploaded_at", "reviewed_by", "reviewed_at", "valid_until"};

    private final EvidenceRepository repository;
    private final EvidenceStore store;
    private final ProjectService projects;
    private final RaciService raci;
    private final Clock clock;

    AuditPackageService(EvidenceRepository repository, EvidenceStore store, ProjectService projects, RaciService raci,
                        Clock clock, com.demarc.audit.AuditLog audit) {
        this.repository = repository;
        this.store = store;
        this.projects = projects;
        this.raci = raci;
        this.clock = clock;
        this.audit = audit;
    }

    /** The package's file name, e.g. demarc-audit-checkout-api-2026-11-28.zip. */
    @PreAuthorize(HAS_EVIDENCE_EXPORT)
    public String fileName(ProjectId project) {
        var p = projects.project(project);
        return "demarc-audit-" + p.name().toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-")
                + "-" + projects.today() + ".zip";
    }

    /** Writes the package for the project's controls matching the query (null = all) as a ZIP to the stream. */
    @PreAuthorize(HAS_EVIDENCE_EXPORT)
    @Transactional(readOnly = true)
    public void write(ProjectId projectId, ControlQuery filter, OutputStream out) throws IOException {
        Project project = projects.project(projectId);
        audit.recordIndependently("AUDIT_PACKAGE_EXPORTED", "project", projectId.value(), "Audit package of " + project.name());
        var query = filter == null ? new ControlQuery(projectId, null, null, null, null, null)
                : new ControlQuery(projectId, null, filter.domainCode(), filter.owner(), filter.status(), filter.text());
        var today = projects.today();
        var rows = new ArrayList<String[]>();
        var zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
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
                        rows.add(new String[]{"", c.code(), c.title(), c.owner().label(), raciText, c.status().label(),
                                item.title(), item.url(), "", "", v.uploadedBy(), str(v.uploadedAt()), v.reviewedBy(),
                                str(v.reviewedAt()), str(item.validUntil())});
                        continue;
                    }
                    String path = c.code() + "/" + v.id() + "-" + v.fileName();
                    var content = repository.version(v.id()).orElseThrow().contentId();
                    zip.putNextEntry(new ZipEntry(path));
                    try (InputStream in = store.open(content)) {
                        in.transferTo(zip);
                    }
                    zip.closeEntry();
                    rows.add(new String[]{path, c.code(), c.title(), c.owner().label(), raciText, c.status().label(),
                            item.title(), v.fileName(), String.valueOf(v.size()), v.sha256(), v.uploadedBy(),
                            str(v.uploadedAt()), v.reviewedBy(), str(v.reviewedAt()), str(item.validUntil())});
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
                            zip.putNextEntry(new ZipEntry(path));
                            try (InputStream in = store.open(repository.attestationContent(a.id()).orElseThrow())) {
                                in.transferTo(zip);
                            }
                            zip.closeEntry();
                            attestationsWritten.put(a.id(), path);
                        }
                    }
                    rows.add(new String[]{path, c.code(), c.title(), c.owner().label(), "", c.status().label(),
                            a.reportType() + ": " + a.name(), a.sha256() == null ? a.url() : a.fileName(),
                            a.size() == null ? "" : String.valueOf(a.size()), a.sha256() == null ? "" : a.sha256(),
                            a.createdBy(), "", "", "", str(a.validUntil())});
                }
                if (rows.size() == before) {
                    rows.add(new String[]{"", c.code(), c.title(), c.owner().label(), raciText, c.status().label(),
                            "", "", "", "", "", "", "", "", ""});
                }
            }
        }
        zip.putNextEntry(new ZipEntry("manifest.csv"));
        zip.write(csv(rows));
        zip.closeEntry();
        zip.putNextEntry(new ZipEntry("manifest.json"));
        zip.write(json(project, rows));
        zip.closeEntry();
        zip.finish();
        zip.flush();
    }

    /** Checks a package against its manifest.csv; names every file that is missing, extra or altered. */
    @PreAuthorize(HAS_EVIDENCE_EXPORT)
    public PackageReport verify(InputStream packageZip) {
        Map<String, String[]> actual = new HashMap<>();
        byte[] manifest = null;
        try (var zip = new ZipInputStream(packageZip, StandardCharsets.UTF_8)) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                if (entry.isDirectory()) {
                    continue;
                }
                if (entry.getName().equals("manifest.csv")) {
                    manifest = zip.readAllBytes();
                    continue;
                }
                if (entry.getName().equals("manifest.json")) {
                    zip.readAllBytes();
                    continue;
                }
                var sha = sha256();
                long size;
                try (var counter = new DigestOutputStream(OutputStream.nullOutputStream(), sha)) {
                    size = zip.transferTo(counter);
                }
                actual.put(entry.getName(), new String[]{String.valueOf(size), HexFormat.of().formatHex(sha.digest())});
            }
        } catch (IOException e) {
            throw new UserFacingException("This is not a readable ZIP file (" + e.getMessage() + "): choose a Demarc audit package.");
        }
        if (manifest == null) {
            throw new UserFacingException("The ZIP has no manifest.csv: it is not a Demarc audit package.");
        }
        var problems = new ArrayList<String>();
        Set<String> listed = new HashSet<>();
        int checked = 0;
        try (var parser = CSVParser.builder().setReader(new StringReader(new String(manifest, StandardCharsets.UTF_8)))
                .setFormat(CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()).get()) {
            for (var record : parser) {
                String path = record.get("path");
                if (path.isEmpty() || !listed.add(path)) {
                    continue;
                }
                checked++;
                var found = actual.get(path);
                if (found == null) {
                    problems.add(path + ": listed in the manifest but missing from the package.");
                } else if (!found[1].equals(record.get("sha256")) || !found[0].equals(record.get("size"))) {
                    problems.add(path + ": does not match the manifest (SHA-256 " + found[1] + ", expected " + record.get("sha256") + ").");
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new UserFacingException("The manifest.csv cannot be read (" + e.getMessage() + ").");
        }
        actual.keySet().stream().filter(p -> !listed.contains(p)).sorted()
                .forEach(p -> problems.add(p + ": in the package but not in the manifest."));
        return new PackageReport(checked, problems);
    }

    private static byte[] csv(List<String[]> rows) throws IOException {
        var out = new ByteArrayOutputStream();
        try (var printer = new CSVPrinter(new OutputStreamWriter(out, StandardCharsets.UTF_8),
                CSVFormat.RFC4180.builder().setHeader(COLUMNS).get())) {
            for (String[] row : rows) {
                printer.printRecord((Object[]) row);
            }
        }
        return out.toByteArray();
    }

    private byte[] json(Project project, List<String[]> rows) {
        var sb = new StringBuilder();
        sb.append("{\n  \"project\": ").append(Json.quote(project.name())).append(",\n  \"team\": ").append(Json.quote(project.teamName()))
                .append(",\n  \"catalog\": ").append(Json.quote(project.modelLabel()))
                .append(",\n  \"generatedAt\": ").append(Json.quote(Instant.now(clock).toString())).append(",\n  \"entries\": [");
        for (int i = 0; i < rows.size(); i++) {
            sb.append(i == 0 ? "\n    {" : ",\n    {");
            for (int c = 0; c < COLUMNS.length; c++) {
                sb.append(c == 0 ? "" : ", ").append(Json.quote(COLUMNS[c])).append(": ").append(Json.quote(rows.get(i)[c]));
            }
            sb.append('}');
        }
        sb.append("\n  ]\n}\n");
        return sb.toString().getBytes(StandardCharsets.UTF_8);
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
