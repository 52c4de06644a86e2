package com.demarc.evidence;

import java.util.List;

/**
 * The result of checking an audit package: its manifest's signature (by this Demarc's audit key, {@code keyId}),
 * every file against the manifest, and every manifest line against the hashes Demarc stored. Each problem names
 * the file or manifest line that differs.
 */
public record PackageReport(int filesChecked, List<String> problems, boolean signatureValid, String keyId) {
    public PackageReport {
        problems = List.copyOf(problems);
    }

    public boolean ok() {
        return problems.isEmpty() && signatureValid;
    }
}
