package com.demarc.notification.ui;

import com.demarc.shared.ui.UserMenuItem;
import org.springframework.stereotype.Component;

/** "Notification settings" in the user menu. */
@Component
class NotificationSettingsMenuItem implements UserMenuItem {
    @Override
    public String label() {
        return "Notification settings";
    }

    @Override
    public String route() {
        return "notifications/settings";
    }
}
