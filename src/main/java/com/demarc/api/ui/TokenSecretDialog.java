package com.demarc.api.ui;

import com.demarc.api.ApiToken;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.textfield.TextField;

/** Shows a new token's secret once, with how to use it; the token lists' shared columns. */
final class TokenSecretDialog {
    private TokenSecretDialog() {
    }

    static void open(ApiToken.Created created) {
        var dialog = new Dialog("Token '" + created.token().name() + "'");
        var secret = new TextField("Bearer token");
        secret.setId("api-token-secret");
        secret.setValue(created.secret());
        secret.setReadOnly(true);
        secret.setWidthFull();
        dialog.add(new Paragraph("Copy it now: Demarc keeps only a hash and cannot show it again. Use it as "
                + "'Authorization: Bearer <token>' (README, REST API). It expires on " + created.token().expiresAt()
                .minusSeconds(1).atZone(java.time.ZoneOffset.UTC).toLocalDate() + "."), secret);
        var done = new Button("Done", e -> dialog.close());
        done.setId("api-token-done");
        dialog.getFooter().add(done);
        dialog.setWidth("44em");
        dialog.open();
    }

    /** Expiry, last use and state (a Revoke button while active, which calls {@code revoke} then {@code refresh}). */
    static void addUseAndStateColumns(com.vaadin.flow.component.grid.Grid<ApiToken> grid,
                                      java.util.function.Consumer<ApiToken> revoke, String revokedMessage, Runnable refresh) {
        grid.addColumn(t -> text(t.expiresAt())).setHeader("Expires").setAutoWidth(true);
        grid.addColumn(t -> t.lastUsedAt() == null ? "never" : text(t.lastUsedAt())).setHeader("Last used").setAutoWidth(true);
        grid.addComponentColumn(t -> {
            var now = java.time.Instant.now();
            if (!t.active(now)) {
                return new Paragraph(t.state(now) + (t.revokedAt() == null ? "" : " " + text(t.revokedAt())));
            }
            var button = new Button("Revoke", e -> com.demarc.shared.ui.Confirm.destructive("Revoke token '" + t.name() + "'?",
                    "Every script or job that uses it is refused from its next call; a revoked token cannot be restored.",
                    "Revoke", () -> {
                        revoke.accept(t);
                        com.demarc.shared.ui.Notices.success("'" + t.name() + "' " + revokedMessage);
                        refresh.run();
                    }));
            button.addThemeVariants(com.vaadin.flow.component.button.ButtonVariant.LUMO_ERROR,
                    com.vaadin.flow.component.button.ButtonVariant.LUMO_TERTIARY);
            return button;
        }).setHeader("State");
    }

    static String text(java.time.Instant instant) {
        return com.demarc.shared.ui.Dates.when(instant);
    }
}
