package com.demarc.notification.ui;

import com.demarc.notification.TeamWebhooks.TeamHook;
import com.demarc.shared.ui.Notices;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.textfield.TextField;

import java.util.function.Consumer;

/** The webhook page's dialogs: enter a URL; show the new signing secret once. */
final class WebhookDialogs {
    private WebhookDialogs() {
    }

    /** Asks for the URL; {@code save} runs the service (a refusal keeps the dialog open with the input). */
    static void editUrl(TeamHook hook, Consumer<String> save) {
        var dialog = new Dialog("Chat webhook of " + hook.teamName());
        var url = new TextField("Webhook URL");
        url.setId("webhook-url");
        url.setWidthFull();
        url.setPlaceholder("https://hooks.slack.com/services/…");
        url.setValue(hook.url());
        url.setMaxLength(1000);
        dialog.add(new Paragraph("Paste the incoming-webhook URL from Slack or Microsoft Teams. Saving creates a new "
                + "signing secret (shown once)."), url);
        var ok = new Button("Save", e -> {
            boolean saved = false;
            try {
                save.accept(url.getValue());
                saved = true;
                dialog.close();
            } finally {
                if (!saved) { // the dialog stays open on the URL; the session's error handler says why
                    url.setInvalid(true);
                    url.setErrorMessage("Not saved: correct the URL (the message says what is wrong).");
                }
            }
        });
        ok.setId("webhook-save");
        ok.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), ok);
        dialog.setWidth("40em");
        dialog.open();
    }

    static void showSecret(String team, String secret) {
        var dialog = new Dialog("Signing secret of " + team);
        var field = new TextField("Secret");
        field.setId("webhook-secret");
        field.setValue(secret);
        field.setReadOnly(true);
        field.setWidthFull();
        dialog.add(new Paragraph("Copy it now: it is not shown again. Your receiver checks X-Demarc-Signature: "
                + "sha256=<hex HMAC-SHA256 of the request body, keyed with this secret>."), field);
        var done = new Button("Done", e -> dialog.close());
        done.setId("webhook-secret-done");
        dialog.getFooter().add(done);
        dialog.setWidth("40em");
        dialog.open();
    }
}
