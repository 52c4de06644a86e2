package com.demarc.api.ui;

import com.demarc.api.ApiToken;
import com.demarc.api.ApiTokenService;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;


import static com.demarc.api.ui.TokenSecretDialog.text;

/** Everyone's own personal access tokens for the REST API: create (shown once), see last use, revoke. */
@Route("account/api-tokens")
@PageTitle("API tokens")
@PermitAll
class ApiTokensView extends VerticalLayout {
    private final ApiTokenService tokens;
    private final Grid<ApiToken> grid = new Grid<>();

    ApiTokensView(ApiTokenService tokens) {
        this.tokens = tokens;
        setSizeFull();
        var name = new TextField("Token name");
        name.setId("api-token-name");
        name.setPlaceholder("e.g. nightly evidence upload");
        name.setMaxLength(60);
        var expires = com.demarc.shared.ui.Dates.iso(new DatePicker("Expires on"));
        expires.setId("api-token-expiry");
        expires.setValue(tokens.defaultExpiry());
        var create = new Button("Create token", e -> {
            var created = tokens.createPersonalToken(name.getValue(), expires.getValue());
            name.clear();
            TokenSecretDialog.open(created);
            refresh();
        });
        create.setId("api-token-create");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        var form = new HorizontalLayout(name, expires, create);
        form.setAlignItems(Alignment.BASELINE);

        grid.setId("api-tokens-grid");
        grid.addColumn(ApiToken::name).setHeader("Name").setAutoWidth(true);
        grid.addColumn(ApiToken::hint).setHeader("Starts with").setAutoWidth(true);
        grid.addColumn(t -> text(t.createdAt())).setHeader("Created (UTC)").setAutoWidth(true);
        TokenSecretDialog.addUseAndStateColumns(grid, t -> tokens.revokeMyToken(t.id()),
                "revoked: its next call is refused.", this::refresh);
        add(new Paragraph("A personal access token lets a script call the REST API (/api/v1, documented at "
                + "/swagger-ui.html) as you: with your rights as they are at each call, never more. Revoke a token "
                + "you no longer use; a password reset ends all of them."), form, grid);
        refresh();
    }

    private void refresh() {
        // a handful of tokens per person: a bounded list
        grid.setItems(tokens.myTokens());
    }
}
