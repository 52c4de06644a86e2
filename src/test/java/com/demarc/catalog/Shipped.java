package com.demarc.catalog;

/** The shipped catalog version, which tests use explicitly since other tests import further versions. */
public final class Shipped {
    public static final String VERSION = "2026.1";

    private Shipped() {
    }

    public static ResponsibilityModel model(CatalogService catalog) {
        return catalog.models().stream().filter(m -> m.version().equals(VERSION)).findFirst().orElseThrow();
    }
}
