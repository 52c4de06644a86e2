package com.demarc.api.web;

import com.demarc.api.internal.Problems;
import com.demarc.evidence.EvidenceRefused;
import com.demarc.evidence.TooManyTransfers;
import com.demarc.shared.UserFacingException;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.transaction.TransactionException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

import java.net.URI;

/**
 * Every error of {@code /api/v1} as RFC 9457 {@code application/problem+json} whose detail says what to do: never a
 * stack trace, never HTML. Refusals of the services map by kind: permission or scope 403 (a missing project 404),
 * stale version 409, refused file 413/415/422, other bad input 422, malformed JSON 400.
 */
@RestControllerAdvice(assignableTypes = {ApiV1Controller.class, FindingsController.class, ApiProblems.Unmatched.class})
@Order(Ordered.HIGHEST_PRECEDENCE)
class ApiProblems {
    private static final Logger log = LoggerFactory.getLogger(ApiProblems.class);

    static ResponseEntity<ProblemDetail> problem(HttpStatus status, String type, String title, String detail,
                                                 HttpServletRequest request) {
        var problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(Problems.TYPE_BASE + type));
        problem.setTitle(title);
        problem.setInstance(URI.create(request.getRequestURI()));
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .header(HttpHeaders.CACHE_CONTROL, "no-store").body(problem);
    }

    @ExceptionHandler(ApiV1Controller.ApiNotFound.class)
    ResponseEntity<ProblemDetail> notFound(ApiV1Controller.ApiNotFound e, HttpServletRequest request) {
        return problem(HttpStatus.NOT_FOUND, "not-found", "Not found", e.getMessage(), request);
    }

    @ExceptionHandler(ApiV1Controller.ApiPayloadTooLarge.class)
    ResponseEntity<ProblemDetail> tooLarge(ApiV1Controller.ApiPayloadTooLarge e, HttpServletRequest request) {
        return problem(HttpStatus.CONTENT_TOO_LARGE, "too-large", "File too large", e.getMessage(), request);
    }

    @ExceptionHandler(ApiV1Controller.ApiConflict.class)
    ResponseEntity<ProblemDetail> conflict(ApiV1Controller.ApiConflict e, HttpServletRequest request) {
        var response = problem(HttpStatus.CONFLICT, "conflict", "Changed by someone else", e.getMessage(), request);
        var body = response.getBody();
        body.setProperty("currentVersion", e.currentVersion);
        body.setProperty("changedBy", e.changedBy);
        body.setProperty("changedAt", e.changedAt.toString());
        return response;
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<ProblemDetail> denied(AccessDeniedException e, HttpServletRequest request) {
        if ("No such project.".equals(e.getMessage())) {
            return problem(HttpStatus.NOT_FOUND, "not-found", "Not found", "No such project: list the projects you may "
                    + "read with GET /api/v1/projects.", request);
        }
        String detail = e instanceof AuthorizationDeniedException || e.getMessage() == null || e.getMessage().startsWith("Access Denied")
                ? "The role of this token's account may not do this. Use a token of an account with the right role, "
                + "or ask a compliance manager." : e.getMessage() + " Use a token of an account of that team, or ask a compliance manager.";
        return problem(HttpStatus.FORBIDDEN, "forbidden", "Not allowed", detail, request);
    }

    @ExceptionHandler(TooManyTransfers.class)
    ResponseEntity<ProblemDetail> transfers(TooManyTransfers e, HttpServletRequest request) {
        var response = problem(e.perUser() ? HttpStatus.TOO_MANY_REQUESTS : HttpStatus.SERVICE_UNAVAILABLE,
                "too-many-transfers", "Too many transfers", e.getMessage(), request);
        return ResponseEntity.status(response.getStatusCode()).headers(response.getHeaders())
                .header(HttpHeaders.RETRY_AFTER, e.perUser() ? "5" : "30").body(response.getBody());
    }

    /** A refused file: over the size limit 413, a type Demarc does not accept 415, anything else about it 422. */
    @ExceptionHandler(EvidenceRefused.class)
    ResponseEntity<ProblemDetail> refusedFile(EvidenceRefused e, HttpServletRequest request) {
        String m = e.getMessage();
        if (m.startsWith("The file is larger than") || m.startsWith("The results file is larger than")) {
            return problem(HttpStatus.CONTENT_TOO_LARGE, "too-large", "File too large", m, request);
        }
        if (m.startsWith("Files ending in") || m.contains("content is") || m.contains("does not match")
                || m.contains("is not accepted") || m.contains("not accepted")) {
            return problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-type", "File type not accepted", m, request);
        }
        return problem(HttpStatus.UNPROCESSABLE_CONTENT, "refused-file", "File refused", m, request);
    }

    @ExceptionHandler(UserFacingException.class)
    ResponseEntity<ProblemDetail> invalid(UserFacingException e, HttpServletRequest request) {
        var response = problem(HttpStatus.UNPROCESSABLE_CONTENT, "invalid", "Not accepted", e.getMessage(), request);
        if (!e.problems().isEmpty()) {
            response.getBody().setProperty("problems", e.problems());
        }
        return response;
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ProblemDetail> malformed(HttpMessageNotReadableException e, HttpServletRequest request) {
        return problem(HttpStatus.BAD_REQUEST, "malformed", "Malformed request body", "The request body is not valid "
                + "JSON of the expected shape (or is missing): check it against /v3/api-docs and send it again.", request);
    }

    @ExceptionHandler({MissingServletRequestParameterException.class, MethodArgumentTypeMismatchException.class})
    ResponseEntity<ProblemDetail> badParameter(Exception e, HttpServletRequest request) {
        String name = e instanceof MissingServletRequestParameterException m ? m.getParameterName()
                : ((MethodArgumentTypeMismatchException) e).getName();
        return problem(HttpStatus.BAD_REQUEST, "bad-parameter", "Bad parameter", "The parameter '" + name
                + "' is missing or has the wrong form (dates as 2026-12-31, ids as numbers): see /v3/api-docs.", request);
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ProblemDetail> mediaType(HttpMediaTypeNotSupportedException e, HttpServletRequest request) {
        return problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type", "Unsupported media type",
                "Send this request's JSON body with Content-Type: application/json (file uploads: any type, e.g. "
                        + "application/octet-stream).", request);
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    ResponseEntity<ProblemDetail> notAcceptable(HttpMediaTypeNotAcceptableException e, HttpServletRequest request) {
        return problem(HttpStatus.NOT_ACCEPTABLE, "not-acceptable", "Not acceptable",
                "This endpoint answers application/json: accept it (or leave Accept out).", request);
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ProblemDetail> method(HttpRequestMethodNotSupportedException e, HttpServletRequest request) {
        return problem(HttpStatus.METHOD_NOT_ALLOWED, "method-not-allowed", "Method not allowed",
                "Use " + String.join(" or ", e.getSupportedMethods() == null ? new String[]{"another method"} : e.getSupportedMethods())
                        + " for this path (see /v3/api-docs).", request);
    }

    @ExceptionHandler({DataAccessException.class, TransactionException.class})
    ResponseEntity<ProblemDetail> databaseDown(RuntimeException e, HttpServletRequest request) {
        log.warn("API call {} failed, database not reachable: {}", request.getRequestURI(), e.getMessage());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "30")
                .body(problem(HttpStatus.SERVICE_UNAVAILABLE, "unavailable", "Database not reachable",
                        "The database is not reachable right now: nothing was changed. Try again in a minute.", request).getBody());
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e, HttpServletRequest request) {
        log.error("API call {} failed", request.getRequestURI(), e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal", "Internal error", "Demarc could not complete "
                + "this call: nothing was changed. Try again; if it keeps failing, give an admin the time of the call.", request);
    }

    /** Any other path under /api: a 404 problem, not Vaadin's HTML page. */
    @RestController
    static class Unmatched {
        @RequestMapping("/api/**")
        void unmatched() {
            throw new ApiV1Controller.ApiNotFound("No such API endpoint: the endpoints are listed in /v3/api-docs "
                    + "(Swagger UI at /swagger-ui.html).");
        }
    }
}
