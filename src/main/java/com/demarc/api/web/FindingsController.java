package com.demarc.api.web;

import com.demarc.automation.AutomationService;
import com.demarc.automation.AutomationSettings;
import com.demarc.automation.ImportReport;
import com.demarc.automation.ResultFormat;
import com.demarc.project.ProjectId;
import com.demarc.shared.UserFacingException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.util.List;
import java.util.Locale;

/**
 * Findings import for nightly jobs: the request body is the output of {@code aws securityhub get-findings} (ASFF),
 * the new Security Hub's OCSF findings or {@code aws configservice get-compliance-details-by-config-rule}, streamed
 * into {@link AutomationService#importResults} (same limits, same all-or-nothing import, same rights as the UI).
 */
@RestController
@RequestMapping(path = "/api/v1", produces = {MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_PROBLEM_JSON_VALUE})
@SecurityRequirement(name = "bearer")
@Tag(name = "Findings import")
class FindingsController {
    private static final String BODY = "The results file itself, as the AWS CLI prints it (--output json): "
            + "{\"Findings\":[…]} (ASFF or OCSF), OCSF as an array or JSON lines, or {\"EvaluationResults\":[…]} "
            + "(AWS Config). Streamed: never held in memory; refused beyond demarc.automation.max-file-size.";

    private final AutomationService automation;
    private final AutomationSettings settings;

    FindingsController(AutomationService automation, AutomationSettings settings) {
        this.automation = automation;
        this.settings = settings;
    }

    @Operation(summary = "Import findings for one project", description = "Findings of the project's AWS accounts are "
            + "imported for it (AWS Config results, which name no account, all are); findings of other accounts are "
            + "counted, not imported. The same file twice imports nothing new. Members of the project's team and "
            + "compliance managers.",
            requestBody = @RequestBody(required = true, description = BODY, content = @Content(mediaType = "application/json",
                    schema = @Schema(type = "string", format = "binary"))))
    @PostMapping(path = "/projects/{projectId}/findings", consumes = MediaType.ALL_VALUE)
    ImportReportJson importForProject(@PathVariable long projectId,
                                      @Parameter(description = "asff, ocsf or config; left out: recognised from the findings")
                                      @RequestParam(required = false) @Nullable String format,
                                      @Parameter(description = "A name for the stored raw file, e.g. securityhub-2026-12-02.json")
                                      @RequestParam(required = false) @Nullable String fileName,
                                      HttpServletRequest request) throws IOException {
        return run(request, format, fileName, new ProjectId(projectId));
    }

    @Operation(summary = "Import findings for every project recording their AWS account", description = "Each finding "
            + "goes to the projects (that this token's account may change) whose AWS account ids include its "
            + "AwsAccountId; findings of other accounts are counted in the report. AWS Config results name no account: "
            + "import them per project.",
            requestBody = @RequestBody(required = true, description = BODY, content = @Content(mediaType = "application/json",
                    schema = @Schema(type = "string", format = "binary"))))
    @PostMapping(path = "/findings", consumes = MediaType.ALL_VALUE)
    ImportReportJson importByAccount(@Parameter(description = "asff or ocsf; left out: recognised from the findings")
                                     @RequestParam(required = false) @Nullable String format,
                                     @RequestParam(required = false) @Nullable String fileName,
                                     HttpServletRequest request) throws IOException {
        return run(request, format, fileName, null);
    }

    private ImportReportJson run(HttpServletRequest request, @Nullable String format, @Nullable String fileName,
                                 @Nullable ProjectId project) throws IOException {
        ResultFormat parsed = format(format);
        long max = settings.maxFileSize().toBytes();
        if (request.getContentLengthLong() > max) {
            throw new ApiV1Controller.ApiPayloadTooLarge("The results file is larger than the limit of "
                    + (max / (1024 * 1024)) + " MB (demarc.automation.max-file-size): nothing was imported. Export fewer "
                    + "findings per call (e.g. one account, region or standard per file, --max-items with the next "
                    + "token) and send each.");
        }
        String name = fileName == null || fileName.isBlank() ? "api-findings.json" : fileName;
        return ImportReportJson.of(automation.importResults(request.getInputStream(), name, parsed, project));
    }

    static @Nullable ResultFormat format(@Nullable String format) {
        if (format == null || format.isBlank()) {
            return null;
        }
        return switch (format.strip().toLowerCase(Locale.ROOT)) {
            case "asff", "security_hub_asff" -> ResultFormat.SECURITY_HUB_ASFF;
            case "ocsf", "security_hub_ocsf" -> ResultFormat.SECURITY_HUB_OCSF;
            case "config", "config_evaluations" -> ResultFormat.CONFIG_EVALUATIONS;
            default -> throw new UserFacingException("Unknown format '" + format + "': use format=asff (aws securityhub "
                    + "get-findings), format=ocsf (Security Hub OCSF findings) or format=config (aws configservice "
                    + "get-compliance-details-by-config-rule), or leave it out to have it recognised.");
        };
    }

    @Schema(description = "What an import did: every finding read is counted once")
    record ImportReportJson(String format, String summary, int findingsRead, int imported, int alreadyImported,
                            int archived, int suppressed, int otherAccounts, int notChecks, int unmapped,
                            List<String> otherAccountIds, List<ProjectImportJson> projects) {
        static ImportReportJson of(ImportReport r) {
            return new ImportReportJson(r.format().name(), r.summary(), r.findingsRead(), r.imported(),
                    r.alreadyImported(), r.archived(), r.suppressed(), r.otherAccounts(), r.notChecks(), r.unmapped(),
                    r.otherAccountIds(), r.projects().stream().map(p -> new ProjectImportJson(p.projectId().value(),
                            p.projectName(), p.importId(), p.sha256(), p.findings(), p.checks(), p.passed(), p.failed(),
                            p.other())).toList());
        }
    }

    @Schema(description = "One project's part: its new import (importId null when nothing was new) and its checks")
    record ProjectImportJson(long projectId, String projectName, @Nullable Long importId, @Nullable String sha256,
                             int findings, int checks, int passed, int failed, int other) {
    }
}
