package com.demarc.api.ui;

import com.demarc.api.ApiToken;
import com.demarc.api.ApiTokenService;
import com.demarc.organization.Team;
import com.demarc.shared.Role;
import com.demarc.shared.ui.Notices;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;


import static com.demarc.api.ui.TokenSecretDialog.text;

/** Admins and compliance managers create team service accounts for the REST API (token shown once) and revoke them. */
@Route("admin/service-accounts")
@PageTitle("Service accounts")
@Menu(title = "Service accounts (API)", order = 93, icon = "vaadin:cogs")
@RolesAllowed({"ADMIN", "MANAGER"})
class ServiceAccountsView extends VerticalLayout {
    private final ApiTokenService tokens;
    private final Grid<ApiToken> grid = new Grid<>();

    ServiceAccountsView(ApiTokenService tokens) {
        this.tokens = tokens;
        setSizeFull();
        var team = new ComboBox<Team>("Team");
        team.setId("service-account-team");
        team.setItems(tokens.teams());
        team.setItemLabelGenerator(Team::name);
        var name = new TextField("Name");
        name.setId("service-account-name");
        name.setPlaceholder("e.g. GitLab CI");
        name.setMaxLength(60);
        var role = new Select<Role>();
        role.setLabel("Role");
        role.setId("service-account-role");
        role.setItems(Role.MEMBER, Role.AUDITOR);
        role.setItemLabelGenerator(r -> r == Role.MEMBER ? "Team member (reads and changes)" : "Auditor (reads only)");
        role.setValue(Role.MEMBER);
        var expires = com.demarc.shared.ui.Dates.iso(new DatePicker("Expires on"));
        expires.setId("service-account-expiry");
        expires.setValue(tokens.defaultExpiry());
        var teamChosen = Notices.required(team, "Choose the team the service account works for.");
        var create = new Button("Create service account", e -> {
            if (!teamChosen.getAsBoolean()) {
                return;
            }
            var created = tokens.createServiceAccount(team.getValue().id(), name.getValue(), role.getValue(), expires.getValue());
            name.clear();
            TokenSecretDialog.open(created);
            refresh();
        });
        create.setId("service-account-create");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        var form = new HorizontalLayout(team, name, role, expires, create);
        form.setAlignItems(Alignment.BASELINE);

        grid.setId("service-accounts-grid");
        grid.addColumn(ApiToken::teamName).setHeader("Team").setAutoWidth(true);
        grid.addColumn(ApiToken::name).setHeader("Name").setAutoWidth(true);
        grid.addColumn(ApiToken::username).setHeader("Account").setAutoWidth(true);
        grid.addColumn(ApiToken::role).setHeader("Role").setAutoWidth(true);
        grid.addColumn(ApiToken::createdBy).setHeader("Created by").setAutoWidth(true);
        TokenSecretDialog.addUseAndStateColumns(grid, t -> tokens.revokeServiceAccount(t.id()),
                "revoked and its account disabled: its next call is refused.", this::refresh);
        add(new Paragraph("A service account is a team's identity for scripts and CI jobs: it calls the REST API "
                + "(/api/v1) with its token, scoped to its team, as a team member or an auditor. It has no password "
                + "and never signs in to these pages."), form, grid);
        refresh();
    }

    private void refresh() {
        // one row per service account: bounded by the number of teams' jobs
        grid.setItems(tokens.serviceAccountTokens());
    }
}
