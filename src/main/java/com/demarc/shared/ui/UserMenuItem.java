package com.demarc.shared.ui;

/**
 * An entry another module adds to the user menu (above "Log out"), e.g. the notification settings, so the shared
 * layout needs no dependency on that module.
 */
public interface UserMenuItem {
    /** The text of the entry. */
    String label();

    /** The route it opens, e.g. "notifications/settings". */
    String route();
}
