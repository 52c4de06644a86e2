package com.demarc.shared.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.contextmenu.SubMenu;
import com.vaadin.flow.component.page.ColorScheme;

/** Lumo's dark colour scheme for the whole page, switched from the user menu and remembered per user. */
final class DarkMode {
    private DarkMode() {
    }

    /** Sets the current page's scheme (the theme attribute on the document element). */
    static void apply(boolean dark) {
        UI.getCurrent().getPage().setColorScheme(dark ? ColorScheme.Value.DARK : ColorScheme.Value.LIGHT);
    }

    /** A checkable "Dark mode" entry: a click switches the page and stores the choice. */
    static void addTo(SubMenu menu, ThemePreference preference) {
        var item = menu.addItem("Dark mode");
        item.setId("dark-mode");
        item.setCheckable(true);
        item.setChecked(preference.dark());
        item.addClickListener(e -> {
            boolean dark = item.isChecked();
            preference.setDark(dark);
            apply(dark);
        });
    }
}
