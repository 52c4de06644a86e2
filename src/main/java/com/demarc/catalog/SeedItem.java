package com.demarc.catalog;

/** One statement of the source text the model was built from, traced to the controls that realise it. */
public record SeedItem(String code, String section, String text) {
}
