package com.demarc.catalog;

/**
 * Published (synchronously, inside the importing transaction) when a new version of a responsibility model was
 * imported: projects created from now on follow the newest version, existing ones move when a manager changes theirs.
 */
public record CatalogVersionImported(ModelId model, String label, int controls) {
}
