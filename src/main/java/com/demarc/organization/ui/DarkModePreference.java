package com.demarc.organization.ui;

import com.demarc.organization.Appearance;
import com.demarc.shared.ui.ThemePreference;
import org.springframework.stereotype.Component;

/** The layout's theme hook, backed by the user's stored preference. */
@Component
class DarkModePreference implements ThemePreference {
    private final Appearance appearance;

    DarkModePreference(Appearance appearance) {
        this.appearance = appearance;
    }

    @Override
    public boolean dark() {
        return appearance.darkMode();
    }

    @Override
    public void setDark(boolean dark) {
        appearance.setDarkMode(dark);
    }
}
