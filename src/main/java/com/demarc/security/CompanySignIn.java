package com.demarc.security;

import com.demarc.security.internal.oidc.SsoRegistrations;
import com.demarc.security.internal.oidc.SsoSignInHandlers;
import org.springframework.stereotype.Component;

import java.util.List;

/** What the login page needs to know about company sign-in (OIDC): the configured providers and a failure's message. */
@Component
public class CompanySignIn {
    /** Session attribute holding the message of the last failed company sign-in. */
    public static final String MESSAGE = SsoSignInHandlers.MESSAGE;

    /** A configured identity provider; {@code reachable} false while its discovery document cannot be read. */
    public record Provider(String registrationId, String name, boolean reachable) {
    }

    private final SsoRegistrations registrations;

    CompanySignIn(SsoRegistrations registrations) {
        this.registrations = registrations;
    }

    public List<Provider> providers() {
        return registrations.providers().stream()
                .map(p -> new Provider(p.registrationId(), p.name(), p.reachable())).toList();
    }
}
