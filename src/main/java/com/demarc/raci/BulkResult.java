package com.demarc.raci;

import java.util.List;

/** What a bulk action changed (or would change, for a preview). */
public record BulkResult(int projects, int changed, int unchanged, int skipped, List<String> lines) {
    public String summary() {
        return changed + " control(s) changed in " + projects + " project(s); " + unchanged + " already so; "
                + skipped + " skipped (AWS-owned, not applicable or not in the project).";
    }
}
