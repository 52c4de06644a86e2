package com.demarc.organization.ui;

import com.demarc.organization.AccountSignIn;
import com.demarc.organization.UserAccount;
import com.demarc.organization.UserId;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Paragraph;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.security.oauth2.client.autoconfigure.OAuth2ClientProperties;
import org.springframework.core.env.Environment;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The users page's sign-in facts: each account's source (local, SSO, SCIM), break-glass flag and last sign-in, read
 * once per grid page, and which identity providers are configured (read-only: they come from the
 * {@code spring.security.oauth2.client.*} settings).
 */
final class SignInColumns {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

    private final AccountSignIn accountSignIn;
    private final Map<UserId, AccountSignIn.SignInFacts> facts = new ConcurrentHashMap<>();

    SignInColumns(AccountSignIn accountSignIn) {
        this.accountSignIn = accountSignIn;
    }

    /** Remembers the sign-in facts of a page of users the grid is about to show. */
    List<UserAccount> load(List<UserAccount> page) {
        facts.putAll(accountSignIn.facts(page.stream().map(UserAccount::id).toList()));
        return page;
    }

    void addTo(Grid<UserAccount> grid) {
        grid.addColumn(u -> {
            var f = facts.get(u.id());
            if (f == null) {
                return "";
            }
            String source = switch (f.source()) {
                case "SSO" -> "SSO";
                case "SCIM" -> "SCIM";
                case "SERVICE" -> "Service account (API)";
                default -> "Local";
            };
            return f.breakGlass() ? source + " (break-glass)" : source;
        }).setHeader("Source").setAutoWidth(true);
        grid.addColumn(u -> {
            var f = facts.get(u.id());
            return f == null || f.lastSignInAt() == null ? "—" : WHEN.format(f.lastSignInAt());
        }).setHeader("Last sign-in").setAutoWidth(true);
    }

    /** "Company sign-in: Corp IdP (https://…)." or how to configure one. */
    static Paragraph providers(Environment environment) {
        var properties = Binder.get(environment).bind("spring.security.oauth2.client", OAuth2ClientProperties.class)
                .orElseGet(OAuth2ClientProperties::new);
        var names = properties.getRegistration().entrySet().stream().map(e -> {
            var registration = e.getValue();
            String providerId = registration.getProvider() != null ? registration.getProvider() : e.getKey();
            var provider = properties.getProvider().get(providerId);
            String name = registration.getClientName() != null ? registration.getClientName() : e.getKey();
            return provider != null && provider.getIssuerUri() != null ? name + " (" + provider.getIssuerUri() + ")" : name;
        }).toList();
        var text = names.isEmpty()
                ? "Company sign-in: no identity provider configured (spring.security.oauth2.client.registration.*, see README)."
                : "Company sign-in: " + String.join(", ", names) + ". Configured in the settings; read-only here.";
        var paragraph = new Paragraph(text);
        paragraph.setId("identity-providers");
        paragraph.getStyle().set("color", "var(--lumo-secondary-text-color)").set("margin", "0");
        return paragraph;
    }
}
