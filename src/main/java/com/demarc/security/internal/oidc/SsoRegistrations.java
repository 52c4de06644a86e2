package com.demarc.security.internal.oidc;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.security.oauth2.client.autoconfigure.OAuth2ClientProperties;
import org.springframework.boot.security.oauth2.client.autoconfigure.OAuth2ClientPropertiesMapper;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The registrations of the standard {@code spring.security.oauth2.client.*} properties, resolved lazily: Spring
 * Boot's own repository reads every provider's discovery document at start-up, so one provider that is down stops
 * the whole app. Here a provider that does not answer is tried again at most every {@link #RETRY}; meanwhile the
 * login page says it is unreachable and local sign-in works.
 */
public class SsoRegistrations implements ClientRegistrationRepository {
    private static final Logger log = LoggerFactory.getLogger(SsoRegistrations.class);
    static final Duration RETRY = Duration.ofSeconds(15);

    /** A configured provider as the login page shows it. */
    public record Provider(String registrationId, String name, @Nullable String issuer, boolean reachable) {
    }

    private final OAuth2ClientProperties properties;
    private final Clock clock;
    private final Map<String, ClientRegistration> resolved = new ConcurrentHashMap<>();
    private final Map<String, Instant> failedAt = new ConcurrentHashMap<>();

    public SsoRegistrations(OAuth2ClientProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public @Nullable ClientRegistration findByRegistrationId(String registrationId) {
        if (!properties.getRegistration().containsKey(registrationId)) {
            return null;
        }
        var done = resolved.get(registrationId);
        if (done != null) {
            return done;
        }
        var failed = failedAt.get(registrationId);
        if (failed != null && failed.plus(RETRY).isAfter(clock.instant())) {
            return null;
        }
        return resolve(registrationId);
    }

    private synchronized @Nullable ClientRegistration resolve(String id) {
        var done = resolved.get(id);
        if (done != null) {
            return done;
        }
        var registration = properties.getRegistration().get(id);
        var one = new OAuth2ClientProperties();
        one.getRegistration().put(id, registration);
        String providerId = registration.getProvider() != null ? registration.getProvider() : id;
        var provider = properties.getProvider().get(providerId);
        if (provider != null) {
            one.getProvider().put(providerId, provider);
        }
        try {
            var result = new OAuth2ClientPropertiesMapper(one).asClientRegistrations().get(id);
            resolved.put(id, result);
            failedAt.remove(id);
            return result;
        } catch (RuntimeException e) {
            failedAt.put(id, clock.instant());
            log.warn("Identity provider '{}' is not reachable ({}); local sign-in still works. Retrying in {}s.",
                    id, e.getMessage(), RETRY.toSeconds());
            return null;
        }
    }

    /** Every configured provider, in configuration order, with whether it can be used right now. */
    public List<Provider> providers() {
        var result = new java.util.ArrayList<Provider>();
        for (var entry : new LinkedHashMap<>(properties.getRegistration()).entrySet()) {
            String id = entry.getKey();
            var registration = entry.getValue();
            String providerId = registration.getProvider() != null ? registration.getProvider() : id;
            var provider = properties.getProvider().get(providerId);
            String name = registration.getClientName() != null ? registration.getClientName() : id;
            String issuer = provider != null ? provider.getIssuerUri() : null;
            result.add(new Provider(id, name, issuer, findByRegistrationId(id) != null));
        }
        return result;
    }

    public boolean any() {
        return !properties.getRegistration().isEmpty();
    }
}
