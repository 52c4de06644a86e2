package com.demarc.notification;

import com.demarc.notification.internal.NotificationRepository;
import com.demarc.security.CurrentUser;
import com.demarc.shared.UserFacingException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.util.List;

/** The signed-in user's inbox: every query is scoped to the current user, so nobody reads another's notifications. */
@Service
public class NotificationService {
    private final NotificationRepository repository;
    private final CurrentUser currentUser;
    private final Clock clock;

    NotificationService(NotificationRepository repository, CurrentUser currentUser, Clock clock) {
        this.repository = repository;
        this.currentUser = currentUser;
        this.clock = clock;
    }

    @PreAuthorize("isAuthenticated()")
    @Transactional(readOnly = true)
    public List<Notification> mine(int offset, int limit) {
        return repository.inbox(currentUser.id().value(), Math.max(0, offset), Math.clamp(limit, 1, 500));
    }

    @PreAuthorize("isAuthenticated()")
    @Transactional(readOnly = true)
    public int countMine() {
        return repository.count(currentUser.id().value());
    }

    @PreAuthorize("isAuthenticated()")
    @Transactional(readOnly = true)
    public int unreadCount() {
        return repository.unread(currentUser.id().value());
    }

    /** Marks one of the user's own notifications read; someone else's id is refused as not found. */
    @PreAuthorize("isAuthenticated()")
    @Transactional
    public void markRead(long id) {
        if (!repository.markRead(currentUser.id().value(), id, clock.instant())) {
            throw new UserFacingException("That notification is not in your inbox (any more): reload the list.");
        }
    }

    @PreAuthorize("isAuthenticated()")
    @Transactional
    public int markAllRead() {
        return repository.markAllRead(currentUser.id().value(), clock.instant());
    }
}
