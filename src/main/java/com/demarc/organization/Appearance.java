package com.demarc.organization;

import com.demarc.organization.internal.UserPreferenceRepository;
import com.demarc.shared.Actors;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The signed-in user's own display choices (dark mode): each person reads and sets only their own. */
@Service
public class Appearance {
    private final UserPreferenceRepository preferences;

    Appearance(UserPreferenceRepository preferences) {
        this.preferences = preferences;
    }

    /** Whether the signed-in user chose the dark theme (light until they do). */
    @PreAuthorize("isAuthenticated()")
    @Transactional(readOnly = true)
    public boolean darkMode() {
        return preferences.darkMode(me());
    }

    /** Remembers the signed-in user's theme for every later page and sign-in. */
    @PreAuthorize("isAuthenticated()")
    @Transactional
    public void setDarkMode(boolean dark) {
        preferences.saveDarkMode(me(), dark);
    }

    private static long me() {
        return Actors.current().orElseThrow(() -> new AccessDeniedException("Sign in first.")).id();
    }
}
