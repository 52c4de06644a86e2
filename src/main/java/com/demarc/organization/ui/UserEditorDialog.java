package com.demarc.organization.ui;

import com.demarc.organization.OrganizationService;
import com.demarc.organization.Team;
import com.demarc.organization.TeamId;
import com.demarc.organization.UserAccount;
import com.demarc.organization.UserDraft;
import com.demarc.shared.Role;
import com.demarc.shared.ui.Notices;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.textfield.EmailField;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.stream.Collectors;

/** Creates a user or edits one; a refused save keeps everything the admin typed. */
class UserEditorDialog extends Dialog {
    private final OrganizationService organization;
    private final UserAccount account;
    private final Runnable onSaved;

    private final TextField username = new TextField("Username");
    private final TextField displayName = new TextField("Name");
    private final EmailField email = new EmailField("E-mail");
    private final CheckboxGroup<Role> roles = new CheckboxGroup<>("Roles");
    private final MultiSelectComboBox<Team> teams = new MultiSelectComboBox<>("Teams");
    private final Checkbox enabled = new Checkbox("Account enabled", true);
    private final PasswordField password = new PasswordField("Initial password");
    private final com.vaadin.flow.component.datepicker.DatePicker accessUntil =
            com.demarc.shared.ui.Dates.iso(new com.vaadin.flow.component.datepicker.DatePicker("Access until"));
    private final MultiSelectComboBox<Team> auditScope = new MultiSelectComboBox<>("Audit scope");

    UserEditorDialog(OrganizationService organization, UserAccount account, Runnable onSaved) {
        this.organization = organization;
        this.account = account;
        this.onSaved = onSaved;
        setHeaderTitle(account == null ? "New user" : "Edit " + account.username());
        setWidth("36rem");

        username.setId("user-username");
        displayName.setId("user-name");
        email.setId("user-email");
        password.setId("user-password");
        password.setHelperText("12 to 128 characters; a few unrelated words work well.");
        roles.setItems(Role.values());
        roles.setItemLabelGenerator(Role::label);
        roles.setId("user-roles");
        var allTeams = organization.findTeams();
        teams.setItems(allTeams);
        teams.setItemLabelGenerator(Team::name);

        var form = new FormLayout(username, displayName, email, roles, teams, enabled);
        accessUntil.setHelperText("Auditors: sign-in is refused after this date");
        auditScope.setItems(allTeams);
        auditScope.setItemLabelGenerator(Team::name);
        auditScope.setHelperText("Auditors: the teams they may read (none chosen = all teams)");
        roles.addValueChangeListener(e -> {
            boolean auditor = e.getValue().contains(Role.AUDITOR);
            accessUntil.setVisible(auditor);
            auditScope.setVisible(auditor);
        });
        accessUntil.setVisible(false);
        auditScope.setVisible(false);
        form.add(accessUntil, auditScope);
        if (account == null) {
            form.add(password);
        } else {
            username.setValue(account.username());
            username.setReadOnly(true);
            displayName.setValue(account.displayName());
            email.setValue(account.email());
            roles.setValue(account.roles());
            teams.setValue(allTeams.stream().filter(t -> account.teamIds().contains(t.id())).collect(Collectors.toSet()));
            enabled.setValue(account.enabled());
            accessUntil.setValue(organization.accessUntil(account.id()).orElse(null));
            var scope = organization.auditorScope(account.id());
            auditScope.setValue(allTeams.stream().filter(t -> scope.contains(t.id())).collect(Collectors.toSet()));
            // separation of duties (enforced by the service): one's own roles and account are another admin's to change
            if (com.demarc.shared.Actors.current().map(u -> u.id() == account.id().value()).orElse(false)) {
                roles.setReadOnly(true);
                roles.setHelperText("Your own roles are changed by another administrator.");
                enabled.setReadOnly(true);
            }
            boolean auditor = account.roles().contains(Role.AUDITOR);
            accessUntil.setVisible(auditor);
            auditScope.setVisible(auditor);
        }
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1));
        add(form);

        var save = new Button("Save", e -> save());
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.setId("user-save");
        var cancel = new Button("Cancel", e -> close());
        getFooter().add(cancel, save);
        if (account != null) {
            var reset = new Button("Reset password…", e -> new PasswordResetDialog(organization, account).open());
            reset.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
            getFooter().addComponentAsFirst(reset);
        }
    }

    private void save() {
        var selectedRoles = roles.getValue().isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(roles.getValue());
        var teamIds = new HashSet<TeamId>();
        teams.getValue().forEach(t -> teamIds.add(t.id()));
        var draft = new UserDraft(username.getValue(), displayName.getValue(), email.getValue(), enabled.getValue(),
                selectedRoles, teamIds);
        var saved = account == null ? organization.createUser(draft, password.getValue())
                : organization.updateUser(account.id(), account.version(), draft);
        if (selectedRoles.contains(Role.AUDITOR)) {
            organization.setAuditorAccess(saved.id(), accessUntil.getValue(),
                    auditScope.getValue().stream().map(Team::id).collect(Collectors.toSet()));
        }
        Notices.success("User " + saved.username() + " saved.");
        onSaved.run();
        close();
    }
}
