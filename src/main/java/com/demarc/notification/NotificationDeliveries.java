package com.demarc.notification;

import com.demarc.notification.internal.MailChannel;
import com.demarc.notification.internal.OutboxRepository;
import com.demarc.shared.Permissions;
import com.demarc.shared.UserFacingException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.util.List;

/** For administrators: whether e-mail is on, the outbox backlog, and the messages Demarc could not send. */
@Service
public class NotificationDeliveries {
    private static final String HAS_OPS_READ = "hasAuthority('" + Permissions.OPS_READ + "')";
    private final OutboxRepository outbox;
    private final MailChannel mail;
    private final Clock clock;

    NotificationDeliveries(OutboxRepository outbox, MailChannel mail, Clock clock) {
        this.outbox = outbox;
        this.mail = mail;
        this.clock = clock;
    }

    /** mailServer is "" when spring.mail.host is not set (notifications are then in-app only). */
    public record Status(boolean mailEnabled, String mailServer, long backlog, long failed) {
    }

    @PreAuthorize(HAS_OPS_READ)
    @Transactional(readOnly = true)
    public Status status() {
        return new Status(mail.enabled(), mail.server(), outbox.backlog(), outbox.failedCount());
    }

    @PreAuthorize(HAS_OPS_READ)
    @Transactional(readOnly = true)
    public List<DeliveryFailure> failures(int offset, int limit) {
        return outbox.failures(Math.max(0, offset), Math.clamp(limit, 1, 500));
    }

    /** Queues a failed or skipped message again (after fixing the address or the SMTP settings). */
    @PreAuthorize(Permissions.HAS_USER_MANAGE)
    @Transactional
    public void retry(long id) {
        if (!outbox.retry(id, clock.instant())) {
            throw new UserFacingException("That message is no longer failed (it was retried or sent): reload the list.");
        }
    }
}
