package com.demarc.catalog;

import java.time.Instant;
import java.time.LocalDate;

/** A provider's shared-responsibility catalog at one version. */
public record ResponsibilityModel(ModelId id, String provider, String name, String version, LocalDate published,
                                  String sourceUrl, Instant loadedAt, String loadedBy) {
    public String label() {
        return name + " " + version;
    }
}
