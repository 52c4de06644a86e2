package com.demarc.catalog;

import java.util.List;

/** What changes between two versions of the model: controls added, removed, and whose owners changed. */
public record CatalogDiff(ResponsibilityModel from, ResponsibilityModel to, List<Control> added,
                          List<Control> removed, List<OwnerChange> ownerChanged) {

    /** A control present in both versions whose default or per-category owner differs. */
    public record OwnerChange(String code, String title, String before, String after) {
    }

    public boolean isEmpty() {
        return added.isEmpty() && removed.isEmpty() && ownerChanged.isEmpty();
    }
}
