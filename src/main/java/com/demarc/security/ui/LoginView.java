package com.demarc.security.ui;

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
import com.vaadin.flow.server.auth.AnonymousAllowed;

/** The sign-in page. The same message for a wrong user and a wrong password, so it never tells who exists. */
@Route(value = "login", autoLayout = false)
@PageTitle("Sign in · Demarc")
@AnonymousAllowed
public class LoginView extends VerticalLayout implements BeforeEnterObserver {

    private final LoginForm login = new LoginForm();
    private final Paragraph notice = new Paragraph();

    public LoginView() {
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
        add(title, tagline, notice, login);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        var params = event.getLocation().getQueryParameters().getParameters();
        login.setError(params.containsKey("error"));
        if (params.containsKey("expired")) {
            notice.setText("Your session was ended. Sign in again.");
            notice.setVisible(true);
        }
    }
}
