package com.demarc.evidence.web;

import com.demarc.evidence.AttestationService;
import com.demarc.evidence.AuditPackageService;
import com.demarc.evidence.Download;
import com.demarc.evidence.EvidenceService;
import com.demarc.evidence.TooManyTransfers;
import com.demarc.evidence.Transfers;
import com.demarc.project.ProjectId;
import com.demarc.shared.UserFacingException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.dao.DataAccessException;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.transaction.TransactionException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * File downloads over plain HTTP (so browsers and scripts get real files): evidence versions, attestation reports
 * and audit packages. Role and scope are checked by the services; names are sent RFC 6266-encoded, with the stored
 * content type and {@code X-Content-Type-Options: nosniff}. Each download is a transfer ({@link Transfers}): bounded
 * in all and per user (429 beyond). Cross-site requests are refused; "does not exist" and "not yours" answer the
 * same 404; a database outage is a 503.
 */
@RestController
class EvidenceController {
    static final String NOT_FOUND = "No such file, or it is not yours to read. Check the link, or ask a compliance "
            + "manager for access to its project.";
    static final String CROSS_SITE = "Demarc files open only from Demarc's own pages or a typed address, not from "
            + "another site. Open the file from Demarc.";
    static final String DATABASE_DOWN = "The database is not reachable at the moment; nothing was lost. Try again in "
            + "a minute.";

    private final EvidenceService evidence;
    private final AttestationService attestations;
    private final AuditPackageService packages;
    private final Transfers transfers;

    EvidenceController(EvidenceService evidence, AttestationService attestations, AuditPackageService packages,
                       Transfers transfers) {
        this.evidence = evidence;
        this.attestations = attestations;
        this.packages = packages;
        this.transfers = transfers;
    }

    @GetMapping("/files/evidence/{versionId}")
    void evidence(@PathVariable long versionId, HttpServletRequest request, HttpServletResponse response) throws IOException {
        refuseCrossSite(request);
        try (var permit = transfers.begin()) {
            send(evidence.download(versionId), response);
        }
    }

    /**
     * The reviewer's preview of a PDF, PNG or JPEG: the same file and checks as the download, shown inline (other types
     * are refused). The framing rules for this path alone (same origin only, no scripts, no requests) are set by
     * {@code security.SecurityHeadersFilter}; a PNG or JPEG is also sandboxed.
     */
    @GetMapping("/files/evidence/{versionId}/preview")
    void preview(@PathVariable long versionId, HttpServletRequest request, HttpServletResponse response) throws IOException {
        refuseCrossSite(request);
        try (var permit = transfers.begin()) {
            var download = evidence.download(versionId);
            String type = download.contentType();
            if (!PREVIEWABLE.contains(type)) {
                answer(response, HttpServletResponse.SC_UNSUPPORTED_MEDIA_TYPE, "Only PDF, PNG and JPEG files have a "
                        + "preview here (TXT is shown as text on the review page): download the file to open it.");
                return;
            }
            if (!type.equals("application/pdf")) {
                // Chromium's PDF viewer refuses to run in a sandboxed document; images need nothing a sandbox forbids
                response.setHeader("Content-Security-Policy", PREVIEW_CSP + "; sandbox");
            }
            send(download, response, ContentDisposition.inline());
        }
    }

    /** What the preview shows inline: exactly the types the browser renders without running anything of the file's. */
    static final java.util.Set<String> PREVIEWABLE = java.util.Set.of("application/pdf", "image/png", "image/jpeg");
    /** Kept equal to {@code SecurityHeadersFilter.PREVIEW_CSP} (the filter sets it first; this adds the sandbox). */
    static final String PREVIEW_CSP = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; object-src 'self'; "
            + "frame-ancestors 'self'; base-uri 'none'; form-action 'none'";

    @GetMapping("/files/attestations/{id}")
    void attestation(@PathVariable long id, HttpServletRequest request, HttpServletResponse response) throws IOException {
        refuseCrossSite(request);
        try (var permit = transfers.begin()) {
            send(attestations.download(id), response);
        }
    }

    @GetMapping("/files/audit-package/{projectId}")
    void auditPackage(@PathVariable long projectId, HttpServletRequest request, HttpServletResponse response) throws IOException {
        refuseCrossSite(request);
        var project = new ProjectId(projectId);
        try (var permit = transfers.begin()) {
            String name = packages.fileName(project);
            response.setContentType("application/zip");
            response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                    .filename(name, StandardCharsets.UTF_8).build().toString());
            response.setHeader("X-Content-Type-Options", "nosniff");
            response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
            packages.write(project, null, response.getOutputStream());
        }
    }

    private static void send(Download download, HttpServletResponse response) throws IOException {
        send(download, response, ContentDisposition.attachment());
    }

    private static void send(Download download, HttpServletResponse response, ContentDisposition.Builder disposition)
            throws IOException {
        response.setContentType(download.contentType());
        response.setContentLengthLong(download.size());
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, disposition
                .filename(download.fileName(), StandardCharsets.UTF_8).build().toString());
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        response.setHeader("X-Evidence-SHA256", download.sha256());
        try (var in = download.content().open()) {
            in.transferTo(response.getOutputStream());
        }
    }

    /**
     * Fetch metadata (sent by every current browser): {@code same-origin} (Demarc's own links), {@code none} (a typed
     * address or bookmark) and no header at all (scripts, old browsers) pass; {@code cross-site} and {@code same-site}
     * (another application on a sibling domain) are refused, so no other page can make the browser fetch a file.
     */
    private static void refuseCrossSite(HttpServletRequest request) {
        String site = request.getHeader("Sec-Fetch-Site");
        if (site != null && !site.equalsIgnoreCase("same-origin") && !site.equalsIgnoreCase("none")) {
            throw new CrossSiteRequest();
        }
    }

    static final class CrossSiteRequest extends RuntimeException {
        CrossSiteRequest() {
            super(CROSS_SITE, null, false, false);
        }
    }

    @ExceptionHandler(CrossSiteRequest.class)
    void crossSite(HttpServletResponse response) throws IOException {
        answer(response, HttpServletResponse.SC_FORBIDDEN, CROSS_SITE);
    }

    @ExceptionHandler(TooManyTransfers.class)
    void tooMany(TooManyTransfers e, HttpServletResponse response) throws IOException {
        answer(response, e.perUser() ? 429 : HttpServletResponse.SC_SERVICE_UNAVAILABLE, e.getMessage());
        response.setHeader(HttpHeaders.RETRY_AFTER, e.perUser() ? "5" : "30");
    }

    /** "Does not exist" and "not yours" (refusals are audited by the scope check) answer exactly alike. */
    @ExceptionHandler({AccessDeniedException.class, UserFacingException.class})
    void notFound(HttpServletResponse response) throws IOException {
        answer(response, HttpServletResponse.SC_NOT_FOUND, NOT_FOUND);
    }

    @ExceptionHandler({DataAccessException.class, TransactionException.class, java.sql.SQLException.class})
    void databaseDown(HttpServletResponse response) throws IOException {
        answer(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, DATABASE_DOWN);
        response.setHeader(HttpHeaders.RETRY_AFTER, "30");
    }

    private static void answer(HttpServletResponse response, int status, String message) throws IOException {
        if (response.isCommitted()) {
            return; // the bytes had started: the client sees a cut-off transfer, whose size and SHA-256 do not match
        }
        // resetBuffer, not reset: the security headers stay; what send() had set for the file goes
        response.resetBuffer();
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, null);
        response.setHeader("X-Evidence-SHA256", null);
        response.setContentLengthLong(-1);
        response.setStatus(status);
        response.setContentType("text/plain;charset=UTF-8");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        response.getWriter().write(message + "\n");
    }
}
