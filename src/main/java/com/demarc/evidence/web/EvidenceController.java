package com.demarc.evidence.web;

import com.demarc.evidence.AttestationService;
import com.demarc.evidence.AuditPackageService;
import com.demarc.evidence.Download;
import com.demarc.evidence.EvidenceService;
import com.demarc.project.ProjectId;
import com.demarc.shared.UserFacingException;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * File downloads over plain HTTP (so browsers and scripts get real files): evidence versions, attestation reports
 * and audit packages. Role and scope are checked by the services; names are sent RFC 6266-encoded, with the stored
 * content type and {@code X-Content-Type-Options: nosniff}.
 */
@RestController
class EvidenceController {
    private final EvidenceService evidence;
    private final AttestationService attestations;
    private final AuditPackageService packages;

    EvidenceController(EvidenceService evidence, AttestationService attestations, AuditPackageService packages) {
        this.evidence = evidence;
        this.attestations = attestations;
        this.packages = packages;
    }

    @GetMapping("/files/evidence/{versionId}")
    void evidence(@PathVariable long versionId, HttpServletResponse response) throws IOException {
        send(evidence.download(versionId), response);
    }

    @GetMapping("/files/attestations/{id}")
    void attestation(@PathVariable long id, HttpServletResponse response) throws IOException {
        send(attestations.download(id), response);
    }

    @GetMapping("/files/audit-package/{projectId}")
    void auditPackage(@PathVariable long projectId, HttpServletResponse response) throws IOException {
        var project = new ProjectId(projectId);
        String name = packages.fileName(project);
        response.setContentType("application/zip");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                .filename(name, StandardCharsets.UTF_8).build().toString());
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        packages.write(project, null, response.getOutputStream());
    }

    private static void send(Download download, HttpServletResponse response) throws IOException {
        response.setContentType(download.contentType());
        response.setContentLengthLong(download.size());
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                .filename(download.fileName(), StandardCharsets.UTF_8).build().toString());
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        response.setHeader("X-Evidence-SHA256", download.sha256());
        try (var in = download.content().open()) {
            in.transferTo(response.getOutputStream());
        }
    }

    @ExceptionHandler(AccessDeniedException.class)
    void denied(HttpServletResponse response) throws IOException {
        response.sendError(HttpServletResponse.SC_FORBIDDEN, "You may not read this file.");
    }

    @ExceptionHandler(UserFacingException.class)
    void gone(UserFacingException e, HttpServletResponse response) throws IOException {
        response.sendError(HttpServletResponse.SC_NOT_FOUND, e.getMessage());
    }
}
