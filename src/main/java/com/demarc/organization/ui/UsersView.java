package com.demarc.organization.ui;

import com.demarc.organization.OrganizationService;
import com.demarc.organization.UserAccount;
import com.demarc.shared.Role;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;

import java.util.stream.Collectors;

/** Admins list, create and edit users: roles, teams, enabled, password reset. */
@Route("admin/users")
@PageTitle("Users")
@Menu(title = "Users", order = 90, icon = "vaadin:users")
@RolesAllowed("ADMIN")
class UsersView extends VerticalLayout {
    private final OrganizationService organization;
    private final Grid<UserAccount> grid = new Grid<>();
    private final TextField filter = new TextField();

    UsersView(OrganizationService organization, com.demarc.organization.AccountSignIn accountSignIn,
              org.springframework.core.env.Environment environment,
              org.springframework.beans.factory.ObjectProvider<com.demarc.organization.ui.extension.UserAdminColumns> extraColumns) {
        this.organization = organization;
        var signIn = new SignInColumns(accountSignIn);
        setSizeFull();

        filter.setPlaceholder("Search name, username, e-mail");
        filter.setPrefixComponent(VaadinIcon.SEARCH.create());
        filter.setValueChangeMode(ValueChangeMode.LAZY);
        filter.setClearButtonVisible(true);
        filter.addValueChangeListener(e -> grid.getDataProvider().refreshAll());

        var create = new Button("New user", VaadinIcon.PLUS.create(), e -> openEditor(null));
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.setId("new-user");

        grid.setId("users-grid");
        grid.addColumn(UserAccount::username).setHeader("Username").setAutoWidth(true);
        grid.addColumn(UserAccount::displayName).setHeader("Name").setAutoWidth(true);
        grid.addColumn(UserAccount::email).setHeader("E-mail").setAutoWidth(true);
        grid.addColumn(u -> u.roles().stream().map(Role::label).sorted().collect(Collectors.joining(", ")))
                .setHeader("Roles").setAutoWidth(true);
        grid.addColumn(u -> String.join(", ", u.teamNames())).setHeader("Teams").setAutoWidth(true);
        grid.addComponentColumn(u -> {
            var badge = new Span(u.enabled() ? "Enabled" : "Disabled");
            badge.getElement().getThemeList().add(u.enabled() ? "badge success" : "badge error");
            return badge;
        }).setHeader("Status").setAutoWidth(true);
        signIn.addTo(grid);
        // other modules' columns (security: MFA state and its reset)
        var loaders = extraColumns.orderedStream().map(c -> c.addTo(grid, () -> grid.getDataProvider().refreshAll())).toList();
        grid.setItems(query -> {
                    var page = signIn.load(organization.findUsers(filter.getValue(), query.getOffset(), query.getLimit()));
                    loaders.forEach(load -> load.accept(page));
                    return page.stream();
                },
                query -> organization.countUsers(filter.getValue()));
        com.demarc.shared.ui.GridRows.open(grid, this::openEditor);
        grid.setSizeFull();

        var toolbar = new HorizontalLayout(filter, create);
        toolbar.setWidthFull();
        toolbar.expand(filter);
        add(toolbar, SignInColumns.providers(environment), grid);
    }

    private void openEditor(UserAccount account) {
        new UserEditorDialog(organization, account, () -> grid.getDataProvider().refreshAll()).open();
    }
}
