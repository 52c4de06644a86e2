package com.demarc.catalog;

import org.jspecify.annotations.Nullable;

/** What the catalog grid filters by; null fields mean "any". */
public record ControlFilter(ModelId model, @Nullable Owner owner, @Nullable String domainCode,
                            @Nullable ServiceCategory category, @Nullable String text) {
    public static ControlFilter all(ModelId model) {
        return new ControlFilter(model, null, null, null, null);
    }
}
