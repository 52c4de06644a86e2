package com.demarc.shared.ui;

import com.vaadin.flow.component.html.Anchor;

/**
 * "Skip to main content": the first thing Tab reaches on every signed-in page, hidden until it has the focus; Enter
 * moves the focus into the page's main landmark, past the navigation.
 */
final class SkipLink {
    static final String TARGET = "main-content";

    private SkipLink() {
    }

    static Anchor create() {
        var link = new Anchor("#" + TARGET, "Skip to main content");
        link.setId("skip-link");
        link.addClassName("skip-link");
        link.setRouterIgnore(true);
        // focus, not only scroll: the next Tab continues inside the page, not in the navigation
        link.getElement().executeJs("""
                this.addEventListener('click', e => {
                  e.preventDefault();
                  const target = document.getElementById($0);
                  if (target) { target.focus(); }
                });""", TARGET);
        return link;
    }
}
