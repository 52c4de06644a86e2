package com.demarc.catalog;

/** What the catalog grid filters by; null fields mean "any". */
public record ControlFilter(ModelId model, Owner owner, String domainCode, ServiceCategory category, String text) {
    public static ControlFilter all(ModelId model) {
        return new ControlFilter(model, null, null, null, null);
    }
}
