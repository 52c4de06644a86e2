package com.demarc.organization.internal.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.exceptions.BadRequestException;
import com.unboundid.scim2.common.exceptions.ScimException;
import com.unboundid.scim2.common.messages.ErrorResponse;
import com.unboundid.scim2.common.utils.JsonUtils;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * SCIM 2.0 endpoints {@code /scim/v2/Users} and {@code /scim/v2/Groups}. Bodies are read and written as text with
 * the SCIM SDK's own Jackson mapper (its resource classes use Jackson 2; Spring Boot 4's converters are Jackson 3),
 * so the wire format is exactly the SDK's; every error is an RFC 7644 error response.
 */
@RestController
@RequestMapping(path = "/scim/v2")
class ScimController {
    static final MediaType SCIM_JSON = MediaType.parseMediaType("application/scim+json");
    private static final Logger log = LoggerFactory.getLogger(ScimController.class);
    /** A SCIM resource type's operations, each a method of {@link ScimProvisioning} (called through its proxy). */
    private record Resource(WithBody create, ById get, Listing list, ByIdWithBody replace, ByIdWithBody patch,
                            Delete delete) {
    }

    @FunctionalInterface
    private interface WithBody {
        ObjectNode apply(ObjectNode body, String baseUrl) throws ScimException;
    }

    @FunctionalInterface
    private interface ById {
        ObjectNode apply(String id, String baseUrl) throws ScimException;
    }

    @FunctionalInterface
    private interface ByIdWithBody {
        ObjectNode apply(String id, ObjectNode body, String baseUrl) throws ScimException;
    }

    @FunctionalInterface
    private interface Listing {
        ObjectNode apply(String filter, Integer startIndex, Integer count, String baseUrl) throws ScimException;
    }

    @FunctionalInterface
    private interface Delete {
        void apply(String id) throws ScimException;
    }

    private static final String TYPE = "/{type:Users|Groups}";
    private final java.util.Map<String, Resource> resources;

    ScimController(ScimProvisioning scim) {
        this.resources = java.util.Map.of(
                "Users", new Resource(scim::createUser, scim::getUser, scim::listUsers, scim::replaceUser,
                        scim::patchUser, scim::deleteUser),
                "Groups", new Resource(scim::createGroup, scim::getGroup, scim::listGroups, scim::replaceGroup,
                        scim::patchGroup, scim::deleteGroup));
    }

    @PostMapping(TYPE)
    ResponseEntity<String> create(@PathVariable String type, @RequestBody(required = false) String body,
                                  HttpServletRequest request) throws ScimException {
        return created(resources.get(type).create().apply(parse(body), base(request)));
    }

    @GetMapping(TYPE + "/{id}")
    ResponseEntity<String> get(@PathVariable String type, @PathVariable String id, HttpServletRequest request)
            throws ScimException {
        return ok(resources.get(type).get().apply(id, base(request)));
    }

    @GetMapping(TYPE)
    ResponseEntity<String> list(@PathVariable String type, @RequestParam(required = false) String filter,
                                @RequestParam(required = false) Integer startIndex,
                                @RequestParam(required = false) Integer count, HttpServletRequest request)
            throws ScimException {
        return ok(resources.get(type).list().apply(filter, startIndex, count, base(request)));
    }

    @PutMapping(TYPE + "/{id}")
    ResponseEntity<String> replace(@PathVariable String type, @PathVariable String id,
                                   @RequestBody(required = false) String body, HttpServletRequest request)
            throws ScimException {
        return ok(resources.get(type).replace().apply(id, parse(body), base(request)));
    }

    @PatchMapping(TYPE + "/{id}")
    ResponseEntity<String> patch(@PathVariable String type, @PathVariable String id,
                                 @RequestBody(required = false) String body, HttpServletRequest request)
            throws ScimException {
        return ok(resources.get(type).patch().apply(id, parse(body), base(request)));
    }

    @DeleteMapping(TYPE + "/{id}")
    ResponseEntity<String> delete(@PathVariable String type, @PathVariable String id) throws ScimException {
        resources.get(type).delete().apply(id);
        return ResponseEntity.noContent().build();
    }

    @ExceptionHandler(ScimException.class)
    ResponseEntity<String> scimError(ScimException e) {
        return error(e.getScimError());
    }

    @ExceptionHandler(AuthorizationDeniedException.class)
    ResponseEntity<String> denied(AuthorizationDeniedException e) {
        return error(ScimErrors.of(403, null, "This token may not provision users."));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<String> unexpected(Exception e) {
        log.error("SCIM request failed", e);
        return error(ScimErrors.of(500, null, "Demarc could not process the request; the error is in its log."));
    }

    private static ObjectNode parse(String body) throws ScimException {
        if (body == null || body.isBlank()) {
            throw BadRequestException.invalidSyntax("The request needs a JSON body.");
        }
        try {
            JsonNode node = JsonUtils.getObjectReader().readTree(body);
            if (node instanceof ObjectNode object) {
                return object;
            }
            throw BadRequestException.invalidSyntax("The body must be a JSON object.");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw BadRequestException.invalidSyntax("The body is not valid JSON: " + e.getOriginalMessage());
        }
    }

    private static String base(HttpServletRequest request) {
        return org.springframework.web.servlet.support.ServletUriComponentsBuilder.fromContextPath(request)
                .path("/scim/v2").toUriString();
    }

    private static ResponseEntity<String> ok(ObjectNode node) {
        return ResponseEntity.ok().contentType(SCIM_JSON).body(ScimErrors.write(node));
    }

    private static ResponseEntity<String> created(ObjectNode node) {
        var location = node.path("meta").path("location").asText(null);
        var builder = ResponseEntity.status(HttpStatus.CREATED).contentType(SCIM_JSON);
        if (location != null) {
            builder.header("Location", location);
        }
        return builder.body(ScimErrors.write(node));
    }

    private static ResponseEntity<String> error(ErrorResponse error) {
        return ResponseEntity.status(error.getStatus()).contentType(SCIM_JSON).body(ScimErrors.write(JsonUtils.valueToNode(error)));
    }
}
