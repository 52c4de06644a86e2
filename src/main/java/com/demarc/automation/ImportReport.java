package com.demarc.automation;

import com.demarc.project.ProjectId;
import org.jspecify.annotations.Nullable;

import java.util.List;

/**
 * What an import did. Every finding read is counted once: imported for a project, already imported (same id and
 * update time), archived, suppressed in Security Hub, for an account no project of this import owns, or not a
 * compliance check (e.g. a GuardDuty finding, or a Config result "not applicable"). Unmapped counts imported findings
 * whose check maps to no control of the project's catalog version.
 */
public record ImportReport(ResultFormat format, int findingsRead, int imported, int alreadyImported, int archived,
                           int suppressed, int otherAccounts, int notChecks, int unmapped,
                           List<String> otherAccountIds, List<ProjectImport> projects) {
    public ImportReport {
        otherAccountIds = List.copyOf(otherAccountIds);
        projects = List.copyOf(projects);
    }

    /** One project's part: its new import (null when nothing was new), and its checks by status. */
    public record ProjectImport(ProjectId projectId, String projectName, @Nullable Long importId, @Nullable String sha256,
                                int findings, int checks, int passed, int failed, int other) {
    }

    /** One line for the UI, the log and the API. */
    public String summary() {
        var s = new StringBuilder(format.label()).append(": ").append(findingsRead).append(" findings read, ")
                .append(imported).append(" imported");
        if (alreadyImported > 0) {
            s.append(", ").append(alreadyImported).append(" already imported");
        }
        if (archived > 0) {
            s.append(", ").append(archived).append(" archived");
        }
        if (suppressed > 0) {
            s.append(", ").append(suppressed).append(" suppressed");
        }
        if (otherAccounts > 0) {
            s.append(", ").append(otherAccounts).append(" for other accounts (").append(String.join(", ", otherAccountIds)).append(")");
        }
        if (notChecks > 0) {
            s.append(", ").append(notChecks).append(" not compliance checks");
        }
        if (unmapped > 0) {
            s.append(", ").append(unmapped).append(" for checks mapped to no control");
        }
        return s.append('.').toString();
    }
}
