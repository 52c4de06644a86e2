package com.demarc.security.ui;

import com.demarc.security.SecondFactorSignIn;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Image;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.VaadinServletRequest;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import jakarta.servlet.http.HttpServletRequest;

import java.util.List;

/**
 * The second step of a password sign-in: a code from the authenticator app or a recovery code, or — when the
 * person's role requires an app and the grace period is over — its enrolment. Reachable only with a pending sign-in
 * (held by the server); the session is not signed in until the code is accepted.
 */
@Route(value = "login/two-step", autoLayout = false)
@PageTitle("Two-step sign-in · Demarc")
@AnonymousAllowed
class SecondFactorView extends VerticalLayout implements BeforeEnterObserver {
    private final SecondFactorSignIn signIn;

    SecondFactorView(SecondFactorSignIn signIn) {
        this.signIn = signIn;
        setSizeFull();
        setAlignItems(Alignment.CENTER);
        setJustifyContentMode(JustifyContentMode.CENTER);
        setId("two-step-sign-in");
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        var mode = signIn.pending(request());
        if (mode.isEmpty()) {
            event.forwardTo(LoginView.class);
            return;
        }
        if (mode.get() == SecondFactorSignIn.Mode.CODE) {
            askForCode();
        } else {
            enrol();
        }
    }

    private void askForCode() {
        removeAll();
        var code = new TextField("Code");
        code.setId("mfa-sign-in-code");
        code.setAutofocus(true);
        code.getElement().setAttribute("autocomplete", "one-time-code");
        code.setWidth("16em");
        var verify = new Button("Verify", e -> verify(code));
        verify.setId("mfa-verify");
        verify.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        verify.addClickShortcut(Key.ENTER);
        add(new H1("Two-step sign-in"),
                new Paragraph("Enter the 6-digit code your authenticator app shows, or one of your recovery codes."),
                code, verify, startOver("Cancel and sign in again"));
    }

    private void verify(TextField code) {
        switch (signIn.verify(request(), code.getValue())) {
            case ACCEPTED -> finish();
            case WRONG -> {
                code.clear(); // first: clearing re-validates the field, which would drop the error again
                code.setErrorMessage("That code is not right. Enter the code your app shows now, or an unused recovery code.");
                code.setInvalid(true);
            }
            case LOCKED -> ended("Too many wrong codes: two-step sign-in is locked for a while. Try again later, or ask "
                    + "an administrator to reset your second factor if you lost your authenticator.");
            case EXPIRED -> ended("Your sign-in took too long. Sign in again with your password.");
        }
    }

    private void enrol() {
        removeAll();
        var enrolment = signIn.beginEnrolment(request());
        var qr = new Image(enrolment.qrDataUri(), "QR code for your authenticator app");
        qr.setId("mfa-qr");
        qr.setWidth("200px");
        var key = new TextField("Or type this key");
        key.setId("mfa-key");
        key.setValue(enrolment.manualKey());
        key.setReadOnly(true);
        key.setWidth("24em");
        var code = new TextField("Code shown by the app");
        code.setId("mfa-code");
        code.setMaxLength(6);
        // a wrong code is a UserFacingException: the session error handler shows its message, the page stays
        var confirm = new Button("Turn on", e -> showCodes(signIn.confirmEnrolment(request(), code.getValue())));
        confirm.setId("mfa-confirm");
        confirm.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        add(new H1("Set up two-step sign-in"),
                new Paragraph("Your role requires a code from an authenticator app (Google Authenticator, Microsoft "
                        + "Authenticator, 1Password, …) at every sign-in, and the time to set it up has passed. Scan the "
                        + "QR code or type the key, then enter the code the app shows."),
                qr, key, code, confirm, startOver("Cancel"));
    }

    private void showCodes(List<String> codes) {
        removeAll();
        var list = new UnorderedList();
        list.setId("mfa-recovery-codes");
        codes.forEach(c -> list.add(new ListItem(c)));
        var done = new Button("I have saved them, continue", e -> finish());
        done.setId("mfa-done");
        done.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        add(new H1("Your recovery codes"),
                new Paragraph("Two-step sign-in is on. Save these ten codes somewhere safe now: Demarc keeps only their "
                        + "hashes and cannot show them again. Each signs you in once if you lose your authenticator."),
                list, done);
    }

    private void ended(String message) {
        removeAll();
        var text = new Paragraph(message);
        text.setId("mfa-ended");
        add(new H1("Two-step sign-in"), text, startOver("Back to sign-in"));
    }

    /** A full page load: the authentication is swapped in by a plain HTTP request, with a new session id. */
    private static void finish() {
        UI.getCurrent().getPage().setLocation("login/two-step/done");
    }

    private static Anchor startOver(String text) {
        var link = new Anchor("login", text);
        link.setRouterIgnore(true);
        link.setId("mfa-start-over");
        return link;
    }

    private static HttpServletRequest request() {
        return VaadinServletRequest.getCurrent().getHttpServletRequest();
    }
}
