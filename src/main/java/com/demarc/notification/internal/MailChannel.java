package com.demarc.notification.internal;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.env.Environment;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

/**
 * E-mail is on when Spring Boot made a {@link JavaMailSender}, i.e. {@code spring.mail.host} is set; otherwise
 * notifications stay in-app only and nothing is queued for e-mail (the admin page says so).
 */
@Component
public class MailChannel {
    private final @Nullable JavaMailSender sender;
    private final String host;

    MailChannel(ObjectProvider<JavaMailSender> sender, Environment env) {
        this.sender = sender.getIfAvailable();
        this.host = env.getProperty("spring.mail.host", "") + (env.containsProperty("spring.mail.port")
                ? ":" + env.getProperty("spring.mail.port") : "");
    }

    public boolean enabled() {
        return sender != null;
    }

    /** host[:port] as configured, or "" when off. */
    public String server() {
        return enabled() ? host : "";
    }

    @Nullable
    JavaMailSender sender() {
        return sender;
    }
}
