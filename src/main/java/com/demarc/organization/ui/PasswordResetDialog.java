package com.demarc.organization.ui;

import com.demarc.organization.OrganizationService;
import com.demarc.organization.UserAccount;
import com.demarc.shared.ui.Notices;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.textfield.PasswordField;

/** Sets a new password for another user (tell them through a safe channel). */
class PasswordResetDialog extends Dialog {
    PasswordResetDialog(OrganizationService organization, UserAccount account) {
        setHeaderTitle("Reset password of " + account.username());
        var password = new PasswordField("New password");
        password.setHelperText("12 to 128 characters; not a common password.");
        password.setWidthFull();
        add(password);
        var save = new Button("Set password", e -> {
            organization.resetPassword(account.id(), password.getValue());
            Notices.success("Password of " + account.username() + " changed.");
            close();
        });
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        getFooter().add(new Button("Cancel", e -> close()), save);
    }
}
