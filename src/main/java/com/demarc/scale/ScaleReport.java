package com.demarc.scale;

import java.time.Duration;
import java.util.Map;

/** What the generator wrote: rows per table and how long it took. */
public record ScaleReport(ScaleSize size, Map<String, Long> rows, Duration load, Duration coverage) {

    public long projectControls() {
        return rows.getOrDefault("project_control", 0L);
    }

    public String describe() {
        var sb = new StringBuilder("Scale data " + size + ": ");
        rows.forEach((table, n) -> sb.append(table).append(' ').append(n).append(", "));
        sb.append("loaded in ").append(load.toMillis() / 1000.0).append(" s, coverage rollups in ")
                .append(coverage.toMillis() / 1000.0).append(" s.");
        return sb.toString();
    }
}
