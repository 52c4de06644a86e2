package com.demarc.automation.web;

import com.demarc.automation.AutomationService;
import com.demarc.shared.UserFacingException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The raw results of an import, as stored (the automated evidence file), with its SHA-256 in a header. Role and scope
 * are checked by the service; "does not exist" and "not yours" answer the same 404; cross-site requests are refused.
 */
@RestController
class CheckResultsController {
    private final AutomationService automation;

    CheckResultsController(AutomationService automation) {
        this.automation = automation;
    }

    @GetMapping("/files/check-results/{importId}")
    void raw(@PathVariable long importId, HttpServletRequest request, HttpServletResponse response) throws IOException {
        String site = request.getHeader("Sec-Fetch-Site");
        if (site != null && !site.equalsIgnoreCase("same-origin") && !site.equalsIgnoreCase("none")) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "Open the file from Demarc's own pages.");
        }
        com.demarc.automation.AutomationImport row;
        try {
            row = automation.importOf(importId);
        } catch (AccessDeniedException | UserFacingException e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No such file, or it is not yours to read.");
        }
        // as stored, byte for byte (the SHA-256 shown is the file's): compressed ones as a .json.gz file
        response.setContentType(row.gzip() ? "application/gzip" : "application/json");
        response.setContentLengthLong(row.size());
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                .filename(row.downloadName(), StandardCharsets.UTF_8).build().toString());
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        response.setHeader("X-Evidence-SHA256", row.sha256());
        try (var in = automation.rawResults(importId)) {
            in.transferTo(response.getOutputStream());
        }
    }
}
