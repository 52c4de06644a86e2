package com.demarc.organization.ui;

import com.demarc.organization.OrganizationService;
import com.demarc.shared.Role;
import com.demarc.shared.ui.Notices;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;

import java.util.stream.Collectors;

/** The start page: who you are here, your roles and teams, and your password. */
@Route("account")
@PageTitle("My account")
@Menu(title = "My account", order = 95, icon = "vaadin:user")
@PermitAll
class HomeView extends VerticalLayout {

    HomeView(OrganizationService organization) {
        setId("home");
        var me = organization.myAccount();
        var greeting = new H2("Welcome, " + me.displayName());
        greeting.setId("account-title");
        var roles = me.roles().stream().map(Role::label).sorted().collect(Collectors.joining(", "));
        var teams = me.teamNames().isEmpty() ? "no team" : String.join(", ", me.teamNames());
        add(greeting, new Paragraph("Signed in as " + me.username() + " · " + roles + " · " + teams + "."));
        add(new Paragraph(intro(me.roles())));
        add(passwordChange(organization));
    }

    private static String intro(java.util.Set<Role> roles) {
        if (roles.contains(Role.MANAGER)) {
            return "Shape the control catalog, assign owners across projects and review evidence.";
        }
        if (roles.contains(Role.ADMIN)) {
            return "Manage users and teams from the menu.";
        }
        if (roles.contains(Role.AUDITOR)) {
            return "Read the catalog, projects and evidence in your scope. Nothing you do here changes them.";
        }
        return "See the controls you own, record their status and upload the evidence that proves them.";
    }

    private static Details passwordChange(OrganizationService organization) {
        var current = new PasswordField("Current password");
        var next = new PasswordField("New password");
        next.setHelperText("12 to 128 characters; not a common password.");
        var change = new Button("Change password");
        change.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        change.addClickListener(e -> {
            organization.changeOwnPassword(current.getValue(), next.getValue());
            current.clear();
            next.clear();
            Notices.success("Your password was changed.");
        });
        var form = new FormLayout(current, next, change);
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("40em", 3));
        return new Details("Change your password", form);
    }
}
