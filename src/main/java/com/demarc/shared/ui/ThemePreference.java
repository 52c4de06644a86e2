package com.demarc.shared.ui;

/**
 * The signed-in user's remembered theme, provided by the module that stores it (organization), so the shared layout
 * needs no dependency on that module. The layout applies it to every new UI and changes it from the user menu.
 */
public interface ThemePreference {
    boolean dark();

    void setDark(boolean dark);
}
