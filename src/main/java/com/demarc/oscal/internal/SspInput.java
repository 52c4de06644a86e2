package com.demarc.oscal.internal;

import com.demarc.catalog.Control;
import com.demarc.catalog.ResponsibilityModel;
import com.demarc.evidence.Attestation;
import com.demarc.evidence.EvidenceItem;
import com.demarc.organization.Team;
import com.demarc.organization.UserRef;
import com.demarc.project.Project;
import com.demarc.project.ProjectControl;
import com.demarc.raci.Raci;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** Everything one project's SSP is written from, read through the other modules' services. */
public record SspInput(Project project, ResponsibilityModel model, Map<com.demarc.catalog.ControlId, Control> controls,
                       List<Row> rows, List<Team> teams, List<UserRef> people, LocalDate today) {

    /**
     * One project control with its RACI, its evidence and the AWS attestations linked to it; {@code failingCheck}: a
     * mapped AWS check fails (coverage state FAILING_CHECK, ADR 0020).
     */
    public record Row(ProjectControl control, Raci raci, List<EvidenceItem> evidence, List<Attestation> attestations,
                      boolean failingCheck) {
        public Row(ProjectControl control, Raci raci, List<EvidenceItem> evidence, List<Attestation> attestations) {
            this(control, raci, evidence, attestations, false);
        }
    }
}
