package com.demarc.notification;

import com.demarc.notification.internal.PreferenceRepository;
import com.demarc.notification.internal.UnsubscribeTokens;
import com.demarc.organization.Contact;
import com.demarc.organization.UserDirectory;
import com.demarc.organization.UserId;
import com.demarc.shared.UserFacingException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.Arrays;
import java.util.List;

/**
 * One-click unsubscribe (RFC 8058) from a mail's link, without signing in: the signed token in the link is the
 * authority (it names the user and the kind, and expires); mandatory kinds (account security) are refused.
 */
@Service
public class NotificationUnsubscribe {
    private final UnsubscribeTokens tokens;
    private final PreferenceRepository preferences;
    private final UserDirectory directory;

    NotificationUnsubscribe(UnsubscribeTokens tokens, PreferenceRepository preferences, UserDirectory directory) {
        this.tokens = tokens;
        this.preferences = preferences;
        this.directory = directory;
    }

    /** What the link would turn off: whose e-mail and which notifications ("Status changed", or every optional kind). */
    public record Offer(String username, String what) {
    }

    /** The token is the authority here: anyone holding a genuine, unexpired one may use it. */
    @PreAuthorize("permitAll()")
    @Transactional(readOnly = true)
    public Offer describe(String token) {
        var grant = grant(token);
        return new Offer(contact(grant.user()).username(), what(grant));
    }

    /** Turns the token's kind off for its user; returns what was turned off. Idempotent (a second click changes nothing). */
    @PreAuthorize("permitAll()")
    @Transactional
    public Offer unsubscribe(String token) {
        var grant = grant(token);
        var contact = contact(grant.user());
        preferences.turnOff(grant.user(), kinds(grant));
        return new Offer(contact.username(), what(grant));
    }

    private UnsubscribeTokens.Grant grant(String token) {
        var grant = tokens.verify(token);
        if (grant.isEmpty()) {
            throw new UserFacingException(tokens.expired(token)
                    ? "This unsubscribe link has expired: use the link in a newer Demarc e-mail, or sign in and change "
                    + "your notification settings."
                    : "This unsubscribe link is not valid (it may have been cut off or altered): use the link in the "
                    + "e-mail again, or sign in and change your notification settings.");
        }
        var kind = grant.get().notificationKind();
        if (kind != null && kind.mandatory()) {
            throw new UserFacingException(kind.label() + " e-mails cannot be turned off: they tell you about changes to "
                    + "your account.");
        }
        return grant.get();
    }

    private Contact contact(long user) {
        return directory.contacts(List.of(new UserId(user))).stream().findFirst()
                .orElseThrow(() -> new UserFacingException("This account no longer exists: there is nothing to unsubscribe."));
    }

    private static List<NotificationKind> kinds(UnsubscribeTokens.Grant grant) {
        var kind = grant.notificationKind();
        return kind != null ? List.of(kind) : Arrays.stream(NotificationKind.values()).filter(k -> !k.mandatory()).toList();
    }

    private static String what(UnsubscribeTokens.Grant grant) {
        var kind = grant.notificationKind();
        return kind != null ? "“" + kind.label() + "” e-mails" : "all e-mails that can be turned off (account-security e-mails still come)";
    }
}
