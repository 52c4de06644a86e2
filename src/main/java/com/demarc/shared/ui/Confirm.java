package com.demarc.shared.ui;

import com.vaadin.flow.component.confirmdialog.ConfirmDialog;

/** Every destructive action asks first (issue 19): one dialog that says what will happen, Cancel or the action. */
public final class Confirm {
    private Confirm() {
    }

    /**
     * Opens "{@code question}" with {@code consequence} below it; {@code action} runs only after {@code confirmText}
     * (e.g. "Delete") is pressed. Escape and Cancel change nothing.
     */
    public static ConfirmDialog destructive(String question, String consequence, String confirmText, Runnable action) {
        var dialog = new ConfirmDialog();
        dialog.setId("confirm-dialog");
        dialog.setHeader(question);
        dialog.setText(consequence);
        dialog.setCancelable(true);
        dialog.setConfirmText(confirmText);
        dialog.setConfirmButtonTheme("error primary");
        dialog.addConfirmListener(e -> action.run());
        dialog.open();
        return dialog;
    }
}
