package com.demarc.api.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * RFC 9457 problem details written by the filter chain itself (before Spring MVC: 401, 403, 429), in the same shape
 * as the controllers' {@code ProblemDetail}s.
 */
public final class Problems {
    public static final String TYPE_BASE = "https://demarc.dev/problems/";

    private Problems() {
    }

    public static void write(HttpServletRequest request, HttpServletResponse response, int status, String type,
                             String title, String detail) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        response.setStatus(status);
        response.setContentType("application/problem+json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader("Cache-Control", "no-store");
        if (status == 401) {
            response.setHeader("WWW-Authenticate", "Bearer realm=\"demarc\"");
        }
        response.getWriter().write("{\"type\":\"" + TYPE_BASE + type + "\",\"title\":" + quote(title) + ",\"status\":"
                + status + ",\"detail\":" + quote(detail) + ",\"instance\":" + quote(request.getRequestURI()) + "}");
    }

    static String quote(String s) {
        var out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
