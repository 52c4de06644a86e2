package com.demarc.api.web;

import com.demarc.api.web.ApiDtos.ControlJson;
import com.demarc.api.web.ApiDtos.CoverageJson;
import com.demarc.api.web.ApiDtos.EvidenceJson;
import com.demarc.api.web.ApiDtos.LinkRequest;
import com.demarc.api.web.ApiDtos.Page;
import com.demarc.api.web.ApiDtos.ProjectCoverageJson;
import com.demarc.api.web.ApiDtos.ProjectJson;
import com.demarc.api.web.ApiDtos.StatusChange;
import com.demarc.api.web.ApiDtos.TeamsCoverageJson;
import com.demarc.coverage.CoverageService;
import com.demarc.evidence.EvidenceService;
import com.demarc.evidence.Transfers;
import com.demarc.project.ControlQuery;
import com.demarc.project.ProjectControlId;
import com.demarc.project.ProjectId;
import com.demarc.project.ProjectService;
import com.demarc.project.Status;
import com.demarc.raci.MatrixQuery;
import com.demarc.raci.RaciService;
import com.demarc.shared.UserFacingException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;

/**
 * REST API v1: projects, their controls (owner, status, RACI, version), status changes, evidence (list, streamed
 * upload, link, download) and coverage. Every endpoint calls the modules' services, whose {@code @PreAuthorize} and
 * team scope decide with the token's account as principal; nothing here checks rights of its own.
 */
@RestController
@RequestMapping(path = "/api/v1", produces = {MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_PROBLEM_JSON_VALUE})
@SecurityRequirement(name = "bearer")
class ApiV1Controller {
    static final int MAX_LIMIT = 500;

    private final ProjectService projects;
    private final RaciService raci;
    private final EvidenceService evidence;
    private final CoverageService coverage;
    private final Transfers transfers;

    ApiV1Controller(ProjectService projects, RaciService raci, EvidenceService evidence, CoverageService coverage,
                    Transfers transfers) {
        this.projects = projects;
        this.raci = raci;
        this.evidence = evidence;
        this.coverage = coverage;
        this.transfers = transfers;
    }

    @Tag(name = "Projects")
    @Operation(summary = "Projects in the token's scope", description = "Members see their teams' projects; managers, admins and auditors (within their scope) all.")
    @GetMapping("/projects")
    Page<ProjectJson> projects(@RequestParam(required = false) @Nullable String q,
                               @RequestParam(defaultValue = "false") boolean includeArchived,
                               @RequestParam(defaultValue = "0") int offset, @RequestParam(defaultValue = "100") int limit) {
        int l = limit(offset, limit);
        return new Page<>(projects.findProjects(q, includeArchived, offset, l).stream().map(ProjectJson::of).toList(),
                offset, l, projects.countProjects(q, includeArchived));
    }

    @Tag(name = "Projects")
    @Operation(summary = "One project")
    @GetMapping("/projects/{projectId}")
    ProjectJson project(@PathVariable long projectId) {
        return ProjectJson.of(projects.project(new ProjectId(projectId)));
    }

    @Tag(name = "Controls")
    @Operation(summary = "A project's controls with effective owner, status, RACI, evidence state and version")
    @GetMapping("/projects/{projectId}/controls")
    Page<ControlJson> controls(@PathVariable long projectId,
                               @Parameter(description = "CUSTOMER, SHARED, AWS or NOT_APPLICABLE") @RequestParam(required = false) com.demarc.catalog.@Nullable Owner owner,
                               @RequestParam(required = false) @Nullable Status status,
                               @Parameter(description = "code or title contains") @RequestParam(required = false) @Nullable String q,
                               @RequestParam(defaultValue = "false") boolean unownedOnly,
                               @RequestParam(defaultValue = "0") int offset, @RequestParam(defaultValue = "100") int limit) {
        int l = limit(offset, limit);
        var query = new MatrixQuery(new ControlQuery(new ProjectId(projectId), null, null, owner, status, q), unownedOnly);
        return new Page<>(raci.matrix(query, offset, l).stream().map(ControlJson::of).toList(), offset, l,
                raci.countMatrix(query));
    }

    @Tag(name = "Controls")
    @Operation(summary = "One project control")
    @GetMapping("/controls/{controlId}")
    ControlJson control(@PathVariable long controlId) {
        var id = existingControl(controlId);
        var c = projects.control(id);
        var state = evidence.states(List.of(c)).get(id);
        return ControlJson.of(c, raci.raci(id), state == null ? null : state.name());
    }

    @Tag(name = "Controls")
    @Operation(summary = "Change a control's status", description = "Send the version you read: if someone changed the "
            + "control since, the answer is 409 naming who and when (read it again, then retry).")
    @PutMapping("/controls/{controlId}/status")
    ControlJson setStatus(@PathVariable long controlId, @org.springframework.web.bind.annotation.RequestBody StatusChange change) {
        var id = existingControl(controlId);
        if (change.version() == null) {
            throw new UserFacingException("Send the control's current \"version\" (from GET /api/v1/controls/" + controlId
                    + "), so a change made meanwhile is not overwritten.");
        }
        if (change.status() == null || change.status().isBlank()) {
            throw new UserFacingException("Send a \"status\": one of NOT_STARTED, IN_PROGRESS, IMPLEMENTED, NOT_APPLICABLE, INHERITED.");
        }
        Status status;
        try {
            status = Status.valueOf(change.status().strip());
        } catch (IllegalArgumentException e) {
            throw new UserFacingException("Unknown status '" + change.status() + "': use one of NOT_STARTED, IN_PROGRESS, "
                    + "IMPLEMENTED, NOT_APPLICABLE, INHERITED.");
        }
        var before = projects.control(id);
        try {
            projects.setStatus(id, change.version(), status, change.justification(),
                    change.dueDate() != null ? change.dueDate() : before.data().dueDate(),
                    change.notes() != null ? change.notes() : before.data().notes());
        } catch (com.demarc.shared.ConcurrentEditException e) {
            var now = projects.control(id);
            throw new ApiConflict(e.getMessage().replace("Your input is still here: reload to see their change, then save again.",
                    "Read the control again (GET /api/v1/controls/" + controlId + "), then send its new version."),
                    now.version(), now.data().updatedBy(), now.data().updatedAt());
        }
        return control(controlId);
    }

    @Tag(name = "Evidence")
    @Operation(summary = "A control's evidence: files (with versions, newest first) and links")
    @GetMapping("/controls/{controlId}/evidence")
    List<EvidenceJson> evidence(@PathVariable long controlId) {
        return evidence.items(existingControl(controlId)).stream().map(EvidenceJson::of).toList();
    }

    @Tag(name = "Evidence")
    @Operation(summary = "Upload a file as evidence (streamed)", description = "The request body is the file itself "
            + "(any Content-Type, e.g. application/octet-stream): the same checks and limits as in the UI (type by "
            + "content, size limit while streaming, zip-bomb limits), stored with its SHA-256 or not at all. The same "
            + "file again returns what is stored. itemId: upload a new version of that item.",
            requestBody = @RequestBody(required = true, content = @io.swagger.v3.oas.annotations.media.Content(
                    mediaType = "application/octet-stream", schema = @io.swagger.v3.oas.annotations.media.Schema(type = "string", format = "binary"))))
    @PostMapping(path = "/controls/{controlId}/evidence/files", consumes = MediaType.ALL_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    EvidenceJson upload(@PathVariable long controlId, @RequestParam String fileName,
                        @RequestParam(required = false) @Nullable String title,
                        @RequestParam(required = false) @Nullable Long itemId,
                        @RequestParam(required = false) @Nullable LocalDate validFrom,
                        @RequestParam(required = false) @Nullable LocalDate validUntil,
                        HttpServletRequest request) throws IOException {
        var id = existingControl(controlId);
        long max = evidence.maxFileSize();
        if (request.getContentLengthLong() > max) {
            throw new ApiPayloadTooLarge("The file is larger than the limit of " + com.demarc.evidence.EvidenceLimits.human(max)
                    + ": nothing was stored. Split it, or compress it as a ZIP.");
        }
        return EvidenceJson.of(evidence.upload(id, itemId, fileName, request.getInputStream(), title, validFrom, validUntil));
    }

    @Tag(name = "Evidence")
    @Operation(summary = "Add a link as evidence")
    @PostMapping("/controls/{controlId}/evidence/links")
    @ResponseStatus(HttpStatus.CREATED)
    EvidenceJson addLink(@PathVariable long controlId, @org.springframework.web.bind.annotation.RequestBody LinkRequest link) {
        return EvidenceJson.of(evidence.addLink(existingControl(controlId), link.title(), link.url(), link.description(),
                link.validFrom(), link.validUntil()));
    }

    @Tag(name = "Evidence")
    @Operation(summary = "Download an evidence file", description = "Headers: X-Evidence-SHA256 (the stored hash), "
            + "Content-Disposition with the file name. Each download is audited.")
    @GetMapping(path = "/evidence/versions/{versionId}/content", produces = MediaType.ALL_VALUE)
    void download(@PathVariable long versionId, HttpServletResponse response) throws IOException {
        try (var permit = transfers.begin()) {
            com.demarc.evidence.Download file;
            try {
                file = evidence.download(versionId);
            } catch (UserFacingException e) {
                throw new ApiNotFound("No evidence file " + versionId + " (or it is a link): list the control's evidence "
                        + "for the download paths.");
            }
            response.setContentType(file.contentType());
            response.setContentLengthLong(file.size());
            response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                    .filename(file.fileName(), StandardCharsets.UTF_8).build().toString());
            response.setHeader("X-Content-Type-Options", "nosniff");
            response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
            response.setHeader("X-Evidence-SHA256", file.sha256());
            try (var in = file.content().open()) {
                in.transferTo(response.getOutputStream());
            }
        }
    }

    @Tag(name = "Coverage")
    @Operation(summary = "A project's coverage, in total and per owner column")
    @GetMapping("/projects/{projectId}/coverage")
    ProjectCoverageJson projectCoverage(@PathVariable long projectId) {
        var project = projects.project(new ProjectId(projectId));
        var slices = coverage.projectCoverage(project.id()).stream().map(CoverageJson::of).toList();
        return new ProjectCoverageJson(projectId, project.name(), slices.get(0), slices.subList(1, slices.size()));
    }

    @Tag(name = "Coverage")
    @Operation(summary = "Coverage per team (the teams in the token's scope) and in total")
    @GetMapping("/coverage/teams")
    TeamsCoverageJson teamsCoverage() {
        var dashboard = coverage.dashboard();
        return new TeamsCoverageJson(CoverageJson.of(dashboard.overall()),
                dashboard.byTeam().stream().map(CoverageJson::of).toList());
    }

    @Tag(name = "Coverage")
    @Operation(summary = "One team's coverage")
    @GetMapping("/teams/{teamId}/coverage")
    CoverageJson teamCoverage(@PathVariable long teamId) {
        return coverage.dashboard().byTeam().stream().filter(c -> c.key().equals(String.valueOf(teamId)))
                .findFirst().map(CoverageJson::of)
                .orElseThrow(() -> new ApiNotFound("No team " + teamId + " in this token's scope (or it has no projects): "
                        + "list the teams with GET /api/v1/coverage/teams."));
    }

    private ProjectControlId existingControl(long controlId) {
        var id = new ProjectControlId(controlId);
        try {
            projects.control(id);
        } catch (UserFacingException e) {
            throw new ApiNotFound("No project control " + controlId + ": list a project's controls with "
                    + "GET /api/v1/projects/{projectId}/controls.");
        }
        return id;
    }

    private static int limit(int offset, int limit) {
        if (offset < 0 || limit < 1 || limit > MAX_LIMIT) {
            throw new UserFacingException("Use offset ≥ 0 and limit between 1 and " + MAX_LIMIT + ".");
        }
        return limit;
    }

    /** 404 with what to do. */
    static final class ApiNotFound extends RuntimeException {
        ApiNotFound(String message) {
            super(message, null, false, false);
        }
    }

    /** 413 with what to do. */
    static final class ApiPayloadTooLarge extends RuntimeException {
        ApiPayloadTooLarge(String message) {
            super(message, null, false, false);
        }
    }

    /** 409 naming who changed the record, with the version to send next. */
    static final class ApiConflict extends RuntimeException {
        final long currentVersion;
        final @Nullable String changedBy;
        final java.time.Instant changedAt;

        ApiConflict(String message, long currentVersion, @Nullable String changedBy, java.time.Instant changedAt) {
            super(message, null, false, false);
            this.currentVersion = currentVersion;
            this.changedBy = changedBy;
            this.changedAt = changedAt;
        }
    }
}
