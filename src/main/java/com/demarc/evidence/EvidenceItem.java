package com.demarc.evidence;

import com.demarc.project.ProjectControlId;
import org.jspecify.annotations.Nullable;

import java.time.LocalDate;
import java.util.List;

/** A piece of evidence for a project control: a file (with versions) or a link, its validity and review. */
public record EvidenceItem(long id, ProjectControlId controlId, String kind, String title, String description,
                           @Nullable String url, @Nullable LocalDate validFrom, @Nullable LocalDate validUntil,
                           List<EvidenceVersion> versions,
                           long version, String createdBy) {

    /** The newest version: the one that counts. */
    public EvidenceVersion current() {
        return versions.get(0);
    }

    public boolean expired(LocalDate today) {
        return validUntil != null && validUntil.isBefore(today);
    }

    /** Valid now but expiring within 30 days. */
    public boolean expiringSoon(LocalDate today) {
        return validUntil != null && !expired(today) && !validUntil.isAfter(today.plusDays(30));
    }

    public boolean notYetValid(LocalDate today) {
        return validFrom != null && validFrom.isAfter(today);
    }
}
