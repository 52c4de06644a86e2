package com.demarc.security.ui;

import com.demarc.security.MfaService;
import com.demarc.shared.ui.Notices;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Image;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;

import java.util.List;

/** The signed-in user enrols an authenticator app (QR code or key, confirmed by a code) and sees recovery codes left. */
@Route("account/two-step")
@PageTitle("Two-step sign-in")
@Menu(title = "Two-step sign-in", order = 96, icon = "vaadin:lock")
@PermitAll
class MfaView extends VerticalLayout {
    private final MfaService mfa;

    MfaView(MfaService mfa) {
        this.mfa = mfa;
        show();
    }

    private void show() {
        removeAll();
        var status = mfa.myStatus();
        if (status.enrolled()) {
            var renew = new Button("New recovery codes", e -> showCodes(mfa.regenerateRecoveryCodes()));
            renew.setId("mfa-renew-codes");
            add(new H3("Authenticator app: on"),
                    new Paragraph(status.recoveryCodesLeft() + " of 10 recovery codes left. Each works once, if you lose "
                            + "your phone; an administrator can also reset your second factor."), renew);
            return;
        }
        var required = mfa.myDeadline().map(d -> {
            var text = new Paragraph("Your role requires two-step sign-in. Set it up before "
                    + com.demarc.shared.ui.Dates.when(d)
                    + "; after that, signing in asks you to set it up before anything else.");
            text.setId("mfa-required");
            text.getStyle().set("color", "var(--lumo-error-text-color)");
            return text;
        });
        required.ifPresent(this::add);
        var start = new Button("Set up an authenticator app", e -> enrol());
        start.setId("mfa-start");
        start.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        add(new H3("Authenticator app: off"),
                new Paragraph("A code from an app (Google Authenticator, Microsoft Authenticator, 1Password, …) on top of "
                        + "your password keeps your account safe if your password leaks."), start);
    }

    private void enrol() {
        removeAll();
        var enrolment = mfa.beginEnrolment();
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
        code.setPattern("[0-9]{6}");
        var confirm = new Button("Turn on", e -> showCodes(mfa.confirmEnrolment(code.getValue())));
        confirm.setId("mfa-confirm");
        confirm.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        add(new H3("Scan the QR code with your app"), qr, key, code, confirm);
    }

    private void showCodes(List<String> codes) {
        removeAll();
        var list = new UnorderedList();
        list.setId("mfa-recovery-codes");
        codes.forEach(c -> list.add(new ListItem(c)));
        var done = new Button("I have saved them", e -> show());
        done.setId("mfa-done");
        add(new H3("Your recovery codes"),
                new Paragraph("Save these ten codes somewhere safe now: Demarc keeps only their hashes and cannot show "
                        + "them again. Each signs you in once if you lose your authenticator."), list, done);
        Notices.success("Two-step sign-in is on.");
    }
}
