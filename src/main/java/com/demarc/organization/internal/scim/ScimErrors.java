package com.demarc.organization.internal.scim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.unboundid.scim2.common.messages.ErrorResponse;
import com.unboundid.scim2.common.utils.JsonUtils;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/** RFC 7644 error responses, written with the SCIM SDK's mapper. */
final class ScimErrors {
    private ScimErrors() {
    }

    static ErrorResponse of(int status, String scimType, String detail) {
        var error = new ErrorResponse(status);
        error.setScimType(scimType);
        error.setDetail(detail);
        return error;
    }

    static String write(JsonNode node) {
        try {
            return JsonUtils.getObjectWriter().writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static void send(HttpServletResponse response, ErrorResponse error) throws IOException {
        response.setStatus(error.getStatus());
        response.setContentType("application/scim+json;charset=UTF-8");
        if (error.getStatus() == 401) {
            response.setHeader("WWW-Authenticate", "Bearer realm=\"scim\"");
        }
        response.getWriter().write(write(JsonUtils.valueToNode(error)));
    }
}
