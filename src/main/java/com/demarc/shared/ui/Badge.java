package com.demarc.shared.ui;

import com.vaadin.flow.component.html.Span;

import java.util.Locale;

/** A small coloured label; the style name picks the colour (see styles/app.css). */
public final class Badge {
    private Badge() {
    }

    public static Span of(String text, String style) {
        var badge = new Span(text);
        badge.addClassNames("owner-badge", style);
        return badge;
    }

    /** For an enum constant such as CUSTOMER or NOT_APPLICABLE: style "owner-customer", "owner-not-applicable". */
    public static Span owner(String label, String constant) {
        return of(label, "owner-" + constant.toLowerCase(Locale.ROOT).replace('_', '-'));
    }
}
