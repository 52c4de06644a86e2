package com.demarc.automation;

import com.demarc.project.ProjectId;

import java.time.Instant;

/**
 * One stored import for one project: the raw results file (its SHA-256 and size as stored), who imported it and when.
 * {@code gzip}: the raw results are stored gzip-compressed (every import since migration V0160), and downloaded so.
 */
public record AutomationImport(long id, ProjectId projectId, ResultFormat format, String fileName, String sha256, long size,
                               int findings, Instant importedAt, String importedBy, boolean gzip) {

    /** The name the raw results download under: {@code import-<id>-<file>.json}, {@code .json.gz} when compressed. */
    public String downloadName() {
        String name = fileName.endsWith(".json") ? fileName : fileName + ".json";
        return "import-" + id + "-" + name + (gzip ? ".gz" : "");
    }
}
