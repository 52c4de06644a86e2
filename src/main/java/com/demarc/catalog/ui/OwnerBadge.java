package com.demarc.catalog.ui;

import com.demarc.catalog.Owner;
import com.vaadin.flow.component.html.Span;

/** A coloured label for an owner, the same everywhere in the catalog. */
final class OwnerBadge {
    private OwnerBadge() {
    }

    static Span of(Owner owner) {
        var badge = new Span(owner.label());
        badge.addClassNames("owner-badge", "owner-" + owner.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
        return badge;
    }
}
