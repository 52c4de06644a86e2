package com.demarc.organization.ui;

import com.demarc.organization.ScimToken;
import com.demarc.organization.ScimTokenService;
import com.demarc.shared.ui.Notices;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;

import java.time.Instant;

/** Administrators create (shown once) and revoke the bearer tokens that identity providers use for SCIM. */
@Route("admin/scim-tokens")
@PageTitle("Provisioning tokens")
@Menu(title = "Provisioning (SCIM)", order = 94, icon = "vaadin:key")
@RolesAllowed("ADMIN")
class ScimTokensView extends VerticalLayout {
    private final ScimTokenService tokens;
    private final Grid<ScimToken> grid = new Grid<>();

    ScimTokensView(ScimTokenService tokens) {
        this.tokens = tokens;
        setSizeFull();
        var name = new TextField("Token name");
        name.setId("scim-token-name");
        name.setPlaceholder("e.g. Entra ID");
        name.setMaxLength(100);
        var create = new Button("Create token", e -> {
            var created = tokens.createToken(name.getValue());
            name.clear();
            showOnce(created);
            refresh();
        });
        create.setId("scim-token-create");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        var form = new HorizontalLayout(name, create);
        form.setAlignItems(Alignment.BASELINE);

        grid.setId("scim-tokens-grid");
        grid.addColumn(ScimToken::name).setHeader("Name").setAutoWidth(true);
        grid.addColumn(ScimToken::createdBy).setHeader("Created by").setAutoWidth(true);
        grid.addColumn(t -> text(t.createdAt())).setHeader("Created").setAutoWidth(true);
        grid.addColumn(t -> t.lastUsedAt() == null ? "never" : text(t.lastUsedAt())).setHeader("Last used").setAutoWidth(true);
        grid.addComponentColumn(t -> {
            if (!t.active()) {
                return new Paragraph("revoked " + text(t.revokedAt()));
            }
            var revoke = new Button("Revoke", e -> com.demarc.shared.ui.Confirm.destructive("Revoke token '" + t.name() + "'?",
                    "The identity provider's next call is refused until it gets a new token; a revoked token cannot be restored.",
                    "Revoke", () -> {
                        tokens.revokeToken(t.id());
                        Notices.success("Token '" + t.name() + "' revoked: the identity provider's next call is refused.");
                        refresh();
                    }));
            revoke.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
            return revoke;
        }).setHeader("State");
        add(new Paragraph("Identity providers create, update and deactivate users and groups at /scim/v2 with a bearer "
                + "token from here. Group names map to roles and teams (see README, Configuration)."), form, grid);
        refresh();
    }

    private void showOnce(ScimToken.Created created) {
        var dialog = new Dialog("Token '" + created.token().name() + "'");
        var secret = new TextField("Bearer token");
        secret.setId("scim-token-secret");
        secret.setValue(created.secret());
        secret.setReadOnly(true);
        secret.setWidthFull();
        dialog.add(new Paragraph("Copy it into the identity provider now: Demarc keeps only a hash and cannot show it again."),
                secret);
        dialog.getFooter().add(new Button("Done", e -> dialog.close()));
        dialog.setWidth("40em");
        dialog.open();
    }

    private void refresh() {
        // a handful of tokens per installation: a bounded list
        grid.setItems(tokens.tokens());
    }

    private static String text(Instant instant) {
        return com.demarc.shared.ui.Dates.when(instant);
    }
}
