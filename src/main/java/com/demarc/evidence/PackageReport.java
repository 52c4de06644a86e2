package com.demarc.evidence;

import java.util.List;

/** The result of checking an audit package against its manifest. */
public record PackageReport(int filesChecked, List<String> problems) {
    public boolean ok() {
        return problems.isEmpty();
    }
}
