package com.demarc.evidence.web;

import com.demarc.evidence.EvidenceLimits;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * Multipart uploads over the evidence size limit get Demarc's message (plain text, HTTP 413, what to do), never the
 * servlet container's HTML page: refused from the declared {@code Content-Length} before a byte of the body is read,
 * and, for a body without a declared length, when the container's own multipart limit cuts it off.
 */
@Component
@org.springframework.core.annotation.Order(org.springframework.core.Ordered.HIGHEST_PRECEDENCE + 100) // before Spring Security, whose CSRF matcher reads parameters (and so a multipart body)
class UploadSizeFilter extends OncePerRequestFilter {
    /** Room for the multipart boundaries and part headers around one file. */
    static final long MULTIPART_OVERHEAD = 64 * 1024;

    private final EvidenceLimits limits;

    UploadSizeFilter(EvidenceLimits limits) {
        this.limits = limits;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String type = request.getContentType();
        return type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long max = limits.maxFileSize().toBytes();
        if (request.getContentLengthLong() > max + MULTIPART_OVERHEAD) {
            refuse(response, max);
            return;
        }
        try {
            chain.doFilter(request, response);
        } catch (ServletException | IOException | RuntimeException e) {
            if (!sizeLimitExceeded(e) || response.isCommitted()) {
                throw e;
            }
            refuse(response, max);
        }
    }

    static boolean sizeLimitExceeded(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String name = t.getClass().getName();
            if (name.endsWith("SizeLimitExceededException") || name.endsWith("MaxUploadSizeExceededException")
                    || name.endsWith("FileSizeLimitExceededException") || name.endsWith("SizeException")) {
                return true;
            }
        }
        return false;
    }

    private static void refuse(HttpServletResponse response, long max) throws IOException {
        response.reset();
        response.setStatus(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
        response.setContentType("text/plain;charset=UTF-8");
        response.setHeader("Connection", "close");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.getWriter().write("The file is larger than the limit of " + (max / (1024 * 1024)) + " MB: nothing was "
                + "stored. Split it, compress it, or ask an administrator to raise the limit "
                + "(DEMARC_EVIDENCE_MAX_FILE_SIZE).\n");
    }
}
