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

    /**
     * The same badge as a grid cell renderer: a template filled on the client, so a page of rows costs no server-side
     * components (a component column keeps one per rendered cell in every session).
     */
    public static <T> com.vaadin.flow.data.renderer.LitRenderer<T> renderer(
            com.vaadin.flow.function.ValueProvider<T, String> text, com.vaadin.flow.function.ValueProvider<T, String> style) {
        return com.vaadin.flow.data.renderer.LitRenderer.<T>of("<span class=\"owner-badge ${item.style}\">${item.text}</span>")
                .withProperty("text", text).withProperty("style", style);
    }

    /** A plain text cell with an optional class and tooltip, as a renderer (see {@link #renderer}). */
    public static <T> com.vaadin.flow.data.renderer.LitRenderer<T> text(
            com.vaadin.flow.function.ValueProvider<T, String> text, com.vaadin.flow.function.ValueProvider<T, String> style,
            com.vaadin.flow.function.ValueProvider<T, String> tip) {
        return com.vaadin.flow.data.renderer.LitRenderer.<T>of("<span class=\"${item.style}\" title=\"${item.tip}\">${item.text}</span>")
                .withProperty("text", text).withProperty("style", style).withProperty("tip", tip);
    }

    /** For an enum constant such as CUSTOMER or NOT_APPLICABLE: style "owner-customer", "owner-not-applicable". */
    public static Span owner(String label, String constant) {
        return of(label, "owner-" + constant.toLowerCase(Locale.ROOT).replace('_', '-'));
    }
}
