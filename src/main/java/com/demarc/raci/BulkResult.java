package com.demarc.raci;

import java.util.List;

/**
 * What a bulk action changed (or would change, for a preview). {@code unownedCount}/{@code unowned}: the customer and
 * shared controls of the target projects that would be (or are) left without an Accountable person or a Responsible.
 */
public record BulkResult(int projects, int changed, int unchanged, int skipped, List<String> lines, int unownedCount,
                         List<String> unowned) {
    public BulkResult(int projects, int changed, int unchanged, int skipped, List<String> lines) {
        this(projects, changed, unchanged, skipped, lines, 0, List.of());
    }

    public String summary() {
        return changed + " control(s) changed in " + projects + " project(s); " + unchanged + " already so; "
                + skipped + " skipped (AWS-owned, not applicable or not in the project).";
    }
}
