package com.demarc.notification.ui;

import com.demarc.notification.DeliveryMode;
import com.demarc.notification.NotificationKind;
import com.demarc.notification.NotificationPreferences;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.timepicker.TimePicker;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;

import java.time.ZoneId;
import java.util.EnumMap;
import java.util.Map;

/** The signed-in user's e-mail choices per kind (at once, daily digest, off) and the digest's time and zone. */
@Route("notifications/settings")
@PageTitle("Notification settings")
@PermitAll
class NotificationSettingsView extends VerticalLayout {
    NotificationSettingsView(NotificationPreferences preferences) {
        var current = preferences.mine();
        add(new Paragraph("Your notifications are always in the bell. Choose which ones also come by e-mail: at once, "
                + "collected in one daily digest, or not at all. Account security cannot be turned off."));
        var form = new FormLayout();
        Map<NotificationKind, Select<DeliveryMode>> selects = new EnumMap<>(NotificationKind.class);
        for (var kind : NotificationKind.values()) {
            var select = new Select<DeliveryMode>();
            select.setId("mode-" + kind.name());
            select.setLabel(kind.label());
            select.setItems(kind.mandatory() ? new DeliveryMode[]{DeliveryMode.IMMEDIATE, DeliveryMode.DIGEST}
                    : DeliveryMode.values());
            select.setItemLabelGenerator(DeliveryMode::label);
            select.setValue(current.modes().get(kind));
            selects.put(kind, select);
            form.add(select);
        }
        var zone = new ComboBox<String>("Time zone");
        zone.setId("digest-zone");
        zone.setItems(ZoneId.getAvailableZoneIds().stream().sorted().toList());
        zone.setValue(current.zone().getId());
        var at = new TimePicker("Daily digest at");
        at.setId("digest-time");
        at.setStep(java.time.Duration.ofMinutes(15));
        at.setValue(current.digestAt());
        form.add(zone, at);
        var save = new Button("Save", e -> {
            var modes = new EnumMap<NotificationKind, DeliveryMode>(NotificationKind.class);
            selects.forEach((k, s) -> modes.put(k, s.getValue() == null ? DeliveryMode.IMMEDIATE : s.getValue()));
            if (zone.getValue() == null || at.getValue() == null) {
                zone.setInvalid(zone.getValue() == null);
                zone.setErrorMessage("Pick your time zone");
                at.setInvalid(at.getValue() == null);
                at.setErrorMessage("Pick a time, e.g. 08:00");
                return;
            }
            preferences.saveMine(modes, zone.getValue(), at.getValue());
            Notification.show("Notification settings saved");
        });
        save.setId("save-notification-settings");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        add(form, save);
    }
}
