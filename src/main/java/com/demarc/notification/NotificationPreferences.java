package com.demarc.notification;

import com.demarc.notification.internal.PreferenceRepository;
import com.demarc.security.CurrentUser;
import com.demarc.shared.UserFacingException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.DateTimeException;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.Map;

/** The signed-in user's own e-mail preferences: per kind at once / daily digest / off, and when the digest comes. */
@Service
public class NotificationPreferences {
    private final PreferenceRepository repository;
    private final CurrentUser currentUser;

    NotificationPreferences(PreferenceRepository repository, CurrentUser currentUser) {
        this.repository = repository;
        this.currentUser = currentUser;
    }

    /** Every kind with its mode (at once unless chosen otherwise), the digest time and the time zone. */
    public record Preferences(Map<NotificationKind, DeliveryMode> modes, ZoneId zone, LocalTime digestAt) {
    }

    @PreAuthorize("isAuthenticated()")
    @Transactional(readOnly = true)
    public Preferences mine() {
        long me = currentUser.id().value();
        var modes = new EnumMap<NotificationKind, DeliveryMode>(NotificationKind.class);
        for (var kind : NotificationKind.values()) {
            modes.put(kind, DeliveryMode.IMMEDIATE);
        }
        repository.modes(me).forEach((k, m) -> modes.put(k, k.mandatory() && m == DeliveryMode.OFF ? DeliveryMode.IMMEDIATE : m));
        var schedule = repository.schedule(me);
        return new Preferences(modes, schedule.map(s -> zone(s.zone())).orElse(ZoneId.of("UTC")),
                schedule.map(PreferenceRepository.Schedule::at).orElse(LocalTime.of(8, 0)));
    }

    /** Saves the user's choices; turning a mandatory kind off is refused with the kind's name. */
    @PreAuthorize("isAuthenticated()")
    @Transactional
    public void saveMine(Map<NotificationKind, DeliveryMode> modes, String zone, LocalTime digestAt) {
        var refused = modes.entrySet().stream().filter(e -> e.getKey().mandatory() && e.getValue() == DeliveryMode.OFF)
                .map(e -> e.getKey().label()).toList();
        if (!refused.isEmpty()) {
            throw new UserFacingException(String.join(", ", refused) + " cannot be turned off: choose at once or daily digest.");
        }
        ZoneId id;
        try {
            id = ZoneId.of(zone.strip());
        } catch (DateTimeException e) {
            throw new UserFacingException("'" + zone + "' is not a time zone: pick one from the list (e.g. Europe/Berlin).");
        }
        repository.save(currentUser.id().value(), modes, id.getId(), digestAt.withSecond(0).withNano(0));
    }

    private static ZoneId zone(String id) {
        try {
            return ZoneId.of(id);
        } catch (DateTimeException e) {
            return ZoneId.of("UTC");
        }
    }
}
