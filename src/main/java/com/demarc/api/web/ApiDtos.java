package com.demarc.api.web;

import com.demarc.coverage.Coverage;
import com.demarc.evidence.EvidenceItem;
import com.demarc.evidence.EvidenceVersion;
import com.demarc.project.Project;
import com.demarc.raci.MatrixRow;
import com.demarc.raci.Raci;
import com.demarc.raci.RaciRole;
import com.demarc.project.ProjectControl;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** The JSON shapes of REST API v1: plain records, built from the services' own records. */
final class ApiDtos {
    private ApiDtos() {
    }

    @Schema(description = "A page of results: items from offset, at most limit, of total")
    record Page<T>(List<T> items, int offset, int limit, int total) {
    }

    @Schema(description = "A team's AWS workload")
    record ProjectJson(long id, String name, String description, long teamId, String teamName,
                       List<String> awsAccountIds, List<String> services, String catalogVersion, boolean archived,
                       long version, Instant updatedAt, @Nullable String updatedBy) {
        static ProjectJson of(Project p) {
            return new ProjectJson(p.id().value(), p.name(), p.description(), p.teamId().value(), p.teamName(),
                    p.awsAccountIds().stream().map(a -> a.value()).toList(), p.services().stream().map(s -> s.code()).toList(),
                    p.modelLabel(), p.archived(), p.version(), p.updatedAt(), p.updatedBy());
        }
    }

    @Schema(description = "A person or team holding a RACI letter")
    record AssigneeJson(@Nullable Long userId, @Nullable Long teamId, String label) {
    }

    @Schema(description = "Responsible, Accountable, Consulted, Informed; owned = exactly one Accountable person and at least one Responsible")
    record RaciJson(List<AssigneeJson> responsible, List<AssigneeJson> accountable, List<AssigneeJson> consulted,
                    List<AssigneeJson> informed, boolean owned, List<String> gaps) {
        static RaciJson of(Raci raci) {
            return new RaciJson(holders(raci, RaciRole.R), holders(raci, RaciRole.A), holders(raci, RaciRole.C),
                    holders(raci, RaciRole.I), raci.owned(), raci.gaps());
        }

        private static List<AssigneeJson> holders(Raci raci, RaciRole role) {
            return raci.holders(role).stream().map(a -> new AssigneeJson(a.user() == null ? null : a.user().value(),
                    a.team() == null ? null : a.team().value(), a.label())).toList();
        }
    }

    @Schema(description = "A control as it stands in one project. Send its version back when you change its status.")
    record ControlJson(long id, long projectId, String projectName, String code, String title, String domain,
                       String owner, String ownerReason, String status, @Nullable String justification,
                       @Nullable LocalDate dueDate, String notes, @Nullable String evidence, RaciJson raci,
                       long version, Instant updatedAt, @Nullable String updatedBy) {
        static ControlJson of(ProjectControl c, Raci raci, @Nullable String evidence) {
            var d = c.data();
            return new ControlJson(c.id().value(), d.projectId().value(), d.projectName(), d.code(), d.title(),
                    d.domainCode(), d.owner().name(), d.ownerReason(), d.status().name(), d.justification(),
                    d.dueDate(), d.notes(), evidence, RaciJson.of(raci), c.version(), d.updatedAt(), d.updatedBy());
        }

        static ControlJson of(MatrixRow row) {
            return of(row.control(), row.raci(), row.evidence() == null ? null : row.evidence().name());
        }
    }

    @Schema(description = "A status change. version: the control's version you read (a newer one gives 409). "
            + "dueDate and notes: left as they are when omitted. justification: required for NOT_APPLICABLE.")
    record StatusChange(@Schema(requiredMode = Schema.RequiredMode.REQUIRED, allowableValues = {"NOT_STARTED", "IN_PROGRESS",
            "IMPLEMENTED", "NOT_APPLICABLE", "INHERITED"}) @Nullable String status,
                        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) @Nullable Long version,
                        @Nullable String justification, @Nullable LocalDate dueDate, @Nullable String notes) {
    }

    @Schema(description = "Evidence as a link (a ticket, a dashboard, a document elsewhere)")
    record LinkRequest(@Nullable String title, @Nullable String url, @Nullable String description,
                       @Nullable LocalDate validFrom, @Nullable LocalDate validUntil) {
    }

    @Schema(description = "One version of an evidence item; download: the path of its file (files only)")
    record VersionJson(long id, int number, @Nullable String fileName, @Nullable String contentType, @Nullable Long size,
                       @Nullable String sha256, String uploadedBy, Instant uploadedAt, String reviewState,
                       @Nullable String reviewedBy, @Nullable String reviewComment, @Nullable String download) {
        static VersionJson of(EvidenceVersion v) {
            return new VersionJson(v.id(), v.number(), v.fileName(), v.contentType(), v.size(), v.sha256(), v.uploadedBy(),
                    v.uploadedAt(), v.reviewState().name(), v.reviewedBy(), v.reviewComment(),
                    v.isFile() ? "/api/v1/evidence/versions/" + v.id() + "/content" : null);
        }
    }

    @Schema(description = "A piece of evidence for a project control: a FILE (with versions, newest first) or a LINK")
    record EvidenceJson(long id, long controlId, String kind, String title, String description, @Nullable String url,
                        @Nullable LocalDate validFrom, @Nullable LocalDate validUntil, List<VersionJson> versions,
                        long version, String createdBy) {
        static EvidenceJson of(EvidenceItem e) {
            return new EvidenceJson(e.id(), e.controlId().value(), e.kind(), e.title(), e.description(), e.url(),
                    e.validFrom(), e.validUntil(), e.versions().stream().map(VersionJson::of).toList(), e.version(),
                    e.createdBy());
        }
    }

    @Schema(description = "Covered out of applicable, with the in-between states (coverage rule: README, ADR 0008)")
    record CoverageJson(String key, String label, int applicable, int covered, int percent, int unowned,
                        int notImplemented, int noEvidence, int failingCheck, int attestationMissing, int expiring,
                        int overdue, int expired) {
        static CoverageJson of(Coverage c) {
            return new CoverageJson(c.key(), c.label(), c.applicable(), c.covered(), c.percent(), c.unowned(),
                    c.notImplemented(), c.noEvidence(), c.failingCheck(), c.attestationMissing(), c.expiring(),
                    c.overdue(), c.expired());
        }
    }

    @Schema(description = "A project's coverage: in total and per owner column (CUSTOMER, SHARED, AWS)")
    record ProjectCoverageJson(long projectId, String projectName, CoverageJson total, List<CoverageJson> byOwner) {
    }

    @Schema(description = "Coverage of every team in the token's scope, and in total")
    record TeamsCoverageJson(CoverageJson total, List<CoverageJson> teams) {
    }
}
