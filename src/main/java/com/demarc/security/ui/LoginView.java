package com.demarc.security.ui;

import com.demarc.security.CompanySignIn;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.login.LoginForm;
import com.vaadin.flow.component.login.LoginI18n;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.VaadinSession;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import org.springframework.beans.factory.annotation.Value;

/**
 * The sign-in page. The same message for a wrong user and a wrong password, so it never tells who exists. Company
 * sign-in buttons ("Sign in with …", one per configured provider) come above the local form; with
 * {@code demarc.security.local-login=false} the form is behind "Break-glass sign-in" (the server refuses others).
 */
@Route(value = "login", autoLayout = false)
@PageTitle("Sign in · Demarc")
@AnonymousAllowed
public class LoginView extends VerticalLayout implements BeforeEnterObserver {

    private final LoginForm login = new LoginForm();
    private final Paragraph notice = new Paragraph();
    private final Div providers = new Div();
    private final Anchor breakGlass = new Anchor("login?local", "Break-glass sign-in (local account)");
    private final CompanySignIn registrations;
    private final boolean localLogin;

    public LoginView(CompanySignIn registrations, @Value("${demarc.security.local-login:true}") boolean localLogin) {
        this.registrations = registrations;
        this.localLogin = localLogin;
        setSizeFull();
        setAlignItems(Alignment.CENTER);
        setJustifyContentMode(JustifyContentMode.CENTER);

        var i18n = LoginI18n.createDefault();
        i18n.getForm().setTitle("Sign in to Demarc");
        i18n.getErrorMessage().setTitle("Sign-in failed");
        i18n.getErrorMessage().setMessage("The username or password is wrong, or the account is disabled. "
                + "Check both and try again.");
        login.setI18n(i18n);
        login.setAction("login");
        login.setForgotPasswordButtonVisible(false);

        var title = new H1("Demarc");
        var tagline = new Div("Who owns our half of the AWS Shared Responsibility Model, is it done, and where is the proof.");
        tagline.getStyle().set("color", "var(--lumo-secondary-text-color)").set("max-width", "28rem")
                .set("text-align", "center");
        notice.setVisible(false);
        notice.setId("login-notice");
        providers.setId("sso-providers");
        providers.getStyle().set("display", "flex").set("flex-direction", "column").set("gap", "var(--lumo-space-s)")
                .set("align-items", "center");
        breakGlass.setId("break-glass");
        breakGlass.setVisible(false);
        add(title, tagline, notice, providers, login, breakGlass);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        var params = event.getLocation().getQueryParameters().getParameters();
        login.setError(params.containsKey("error"));
        if (params.containsKey("busy")) {
            show("Too many people are signing in at this moment: nothing is wrong with your account. Try again in a moment.");
        }
        if (params.containsKey("expired")) {
            show("Your session was ended. Sign in again.");
        }
        if (params.containsKey("sso-error")) {
            var session = VaadinSession.getCurrent().getSession();
            Object message = session.getAttribute(CompanySignIn.MESSAGE);
            session.removeAttribute(CompanySignIn.MESSAGE);
            show(message != null ? String.valueOf(message)
                    : "Company sign-in did not complete. Start again with the button below.");
        }
        providers.removeAll();
        var unreachable = new java.util.ArrayList<String>();
        for (var provider : registrations.providers()) {
            if (provider.reachable()) {
                // a plain link: the authorization request is a full-page redirect to the provider
                var button = new Anchor("oauth2/authorization/" + provider.registrationId(), "Sign in with " + provider.name());
                button.setRouterIgnore(true);
                button.addClassName("sso-button");
                button.getElement().setAttribute("data-registration", provider.registrationId());
                button.getStyle().set("padding", "var(--lumo-space-s) var(--lumo-space-l)")
                        .set("border", "1px solid var(--lumo-contrast-30pct)").set("border-radius", "var(--lumo-border-radius-m)")
                        .set("text-decoration", "none").set("min-width", "16rem").set("text-align", "center");
                providers.add(button);
            } else {
                unreachable.add(provider.name());
            }
        }
        if (!unreachable.isEmpty()) {
            var down = new Paragraph(String.join(", ", unreachable) + (unreachable.size() == 1 ? " is" : " are")
                    + " unreachable right now. Try again in a minute" + (localLogin ? ", or sign in with your Demarc password below." : "."));
            down.setId("sso-unreachable");
            down.getStyle().set("color", "var(--lumo-error-text-color)").set("max-width", "28rem");
            providers.add(down);
        }
        boolean formShown = localLogin || params.containsKey("local") || params.containsKey("error")
                || params.containsKey("busy");
        login.setVisible(formShown);
        breakGlass.setVisible(!formShown);
    }

    private void show(String text) {
        notice.setText(text);
        notice.setVisible(true);
    }
}
