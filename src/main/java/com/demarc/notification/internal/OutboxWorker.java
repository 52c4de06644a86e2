package com.demarc.notification.internal;

import com.demarc.organization.Contact;
import com.demarc.organization.UserDirectory;
import com.demarc.organization.UserId;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Sends the outbox: claims a small batch of due rows (FOR UPDATE SKIP LOCKED) in one transaction, sends each, and
 * records the outcome before committing, so a row another node has claimed is skipped and a sent row is never claimed
 * again. A failure is retried with back-off (demarc.notifications.retry-first, doubling up to retry-max) until
 * max-attempts, then FAILED and shown to admins. Many nodes may run it at once: the row locks share the work.
 */
@Component
public class OutboxWorker {
    private static final Logger log = LoggerFactory.getLogger(OutboxWorker.class);
    private final OutboxRepository outbox;
    private final WebhookRepository hooks;
    private final MailChannel mail;
    private final MailComposer composer;
    private final UserDirectory directory;
    private final NotificationSettings settings;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final WebhookSender webhooks;
    private final UnsubscribeTokens tokens;

    OutboxWorker(OutboxRepository outbox, WebhookRepository hooks, MailChannel mail, MailComposer composer,
                 UserDirectory directory, NotificationSettings settings, org.springframework.transaction.PlatformTransactionManager transactions, Clock clock,
                 ObjectProvider<MeterRegistry> meters, UnsubscribeTokens tokens) {
        this.tokens = tokens;
        this.outbox = outbox;
        this.hooks = hooks;
        this.mail = mail;
        this.composer = composer;
        this.directory = directory;
        this.settings = settings;
        this.tx = new TransactionTemplate(transactions);
        this.clock = clock;
        this.webhooks = new WebhookSender(settings.webhookTimeout());
        meters.ifAvailable(registry -> Gauge.builder("demarc.notifications.outbox.backlog", outbox, OutboxRepository::backlog)
                .description("Notification messages (e-mail, webhook) waiting to be sent").register(registry));
    }

    @Scheduled(fixedDelayString = "${demarc.notifications.send-interval:10s}",
            initialDelayString = "${demarc.notifications.send-interval:10s}")
    void scheduled() {
        try {
            while (sendDue(clock.instant()) == settings.batchSize()) {
                // a full batch: more may be due
            }
        } catch (RuntimeException e) {
            log.warn("Notification outbox: {}", e.toString());
        }
    }

    /** Sends one batch of what is due at {@code now}; returns how many rows it claimed. */
    public int sendDue(Instant now) {
        Integer n = tx.execute(status -> {
            var rows = outbox.claim(now, settings.batchSize());
            Map<Long, Contact> contacts = directory.contacts(rows.stream().map(OutboxRepository.Claimed::recipient)
                            .filter(java.util.Objects::nonNull).distinct().map(UserId::new).toList()).stream()
                    .collect(Collectors.toMap(c -> c.id().value(), Function.identity()));
            for (var row : rows) {
                deliver(row, contacts, now);
            }
            return rows.size();
        });
        return n == null ? 0 : n;
    }

    private void deliver(OutboxRepository.Claimed row, Map<Long, Contact> contacts, Instant now) {
        try {
            if (row.channel().equals("WEBHOOK")) {
                var hook = hooks.find(row.team());
                var payload = outbox.payload(row.id());
                if (hook == null || payload == null) {
                    outbox.giveUp(row.id(), "SKIPPED", "The team's webhook was removed before this was sent");
                    return;
                }
                if (!hook.enabled()) {
                    outbox.giveUp(row.id(), "SKIPPED", "The team's webhook was paused before this was sent");
                    return;
                }
                webhooks.post(hook.url(), hook.secret(), payload);
            } else {
                var contact = contacts.get(row.recipient());
                if (contact == null || !contact.enabled()) {
                    outbox.giveUp(row.id(), "SKIPPED", "The account is disabled or gone");
                    return;
                }
                if (!contact.hasEmail()) {
                    outbox.giveUp(row.id(), "SKIPPED", contact.username() + " has no e-mail address: add one on the Users page");
                    return;
                }
                if (!mail.enabled()) {
                    outbox.retryAt(row.id(), now.plus(settings.retryMax()), "E-mail is off (spring.mail.host is not set)");
                    return;
                }
                MailComposer.Mail content;
                String unsubscribeKind = UnsubscribeTokens.ALL;
                if (row.notification() != null) {
                    var message = outbox.message(row.notification());
                    if (message == null) {
                        outbox.giveUp(row.id(), "SKIPPED", "The notification was deleted");
                        return;
                    }
                    content = composer.single(message);
                    unsubscribeKind = message.kind().mandatory() ? null : message.kind().name();
                } else {
                    var items = outbox.digestItems(row.id());
                    if (items.isEmpty()) {
                        outbox.giveUp(row.id(), "SKIPPED", "Empty digest");
                        return;
                    }
                    content = composer.digest(items);
                }
                send(contact, content, unsubscribeKind);
            }
            outbox.sent(row.id(), now);
        } catch (AddressException e) {
            outbox.giveUp(row.id(), "FAILED", "Not a valid e-mail address (" + e.getMessage() + "): correct it on the Users page");
        } catch (IOException | jakarta.mail.MessagingException | RuntimeException e) {
            String reason = reason(e);
            if (row.attempts() + 1 >= settings.maxAttempts()) {
                log.warn("Notification delivery {} failed for good after {} attempts: {}", row.id(), row.attempts() + 1, reason);
                outbox.giveUp(row.id(), "FAILED", reason);
            } else {
                outbox.retryAt(row.id(), now.plus(settings.backoff(row.attempts() + 1)), reason);
            }
        }
    }

    private void send(Contact to, MailComposer.Mail content, @Nullable String unsubscribeKind)
            throws jakarta.mail.MessagingException {
        var sender = mail.sender();
        var message = sender.createMimeMessage();
        var helper = new MimeMessageHelper(message, true, StandardCharsets.UTF_8.name());
        var address = new InternetAddress(to.email().strip(), true);
        try {
            address.setPersonal(to.displayName(), StandardCharsets.UTF_8.name());
        } catch (java.io.UnsupportedEncodingException e) {
            throw new IllegalStateException(e);
        }
        helper.setTo(address);
        helper.setFrom(new InternetAddress(settings.mailFrom(), false));
        helper.setSubject(content.subject());
        helper.setText(content.text(), content.html());
        // RFC 2369 + RFC 8058: mail clients offer "unsubscribe" and POST List-Unsubscribe=One-Click to the signed link,
        // which turns this kind off for this person without signing in. A mandatory kind (account security) cannot be
        // turned off: its mails point at the settings page only, and claim no one-click.
        if (unsubscribeKind == null) {
            message.setHeader("List-Unsubscribe", "<" + composer.preferencesUrl() + ">");
        } else {
            String token = tokens.issue(to.id().value(), unsubscribeKind);
            String mailto = settings.unsubscribeMailto().isBlank() ? "" : ", <mailto:" + settings.unsubscribeMailto().strip()
                    + "?subject=unsubscribe%20" + token + ">";
            message.setHeader("List-Unsubscribe", "<" + composer.unsubscribeUrl(token) + ">" + mailto);
            message.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }
        message.setHeader("Auto-Submitted", "auto-generated");
        sender.send(message);
    }

    private static String reason(Exception e) {
        Throwable t = e;
        String text = e.getMessage();
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
            if (t.getMessage() != null) {
                text = t.getMessage();
            }
        }
        return (text == null ? e.getClass().getSimpleName() : text).strip();
    }
}
