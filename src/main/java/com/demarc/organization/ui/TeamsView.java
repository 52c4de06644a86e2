package com.demarc.organization.ui;

import com.demarc.organization.OrganizationService;
import com.demarc.organization.Team;
import com.demarc.organization.UserId;
import com.demarc.organization.UserRef;
import com.demarc.shared.ui.Notices;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;

import java.util.Set;
import java.util.stream.Collectors;

/** Admins create teams, rename them and set their members. */
@Route("admin/teams")
@PageTitle("Teams")
@Menu(title = "Teams", order = 91, icon = "vaadin:group")
@RolesAllowed("ADMIN")
class TeamsView extends VerticalLayout {
    private final OrganizationService organization;
    private final Grid<Team> grid = new Grid<>();

    TeamsView(OrganizationService organization) {
        this.organization = organization;
        setSizeFull();
        var create = new Button("New team", VaadinIcon.PLUS.create(), e -> edit(null));
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.setId("new-team");
        grid.setId("teams-grid");
        grid.addColumn(Team::name).setHeader("Team").setAutoWidth(true);
        grid.addColumn(Team::description).setHeader("Description").setFlexGrow(1);
        grid.addColumn(t -> t.members().stream().map(UserRef::displayName).collect(Collectors.joining(", ")))
                .setHeader("Members").setFlexGrow(1);
        com.demarc.shared.ui.GridRows.open(grid, this::edit);
        // Teams are few (tens); the list is loaded whole.
        grid.setItems(organization.findTeams());
        add(create, grid);
    }

    private void edit(Team team) {
        var dialog = new Dialog(team == null ? "New team" : "Edit " + team.name());
        var name = new TextField("Name");
        name.setId("team-name");
        var description = new TextArea("Description");
        var members = new MultiSelectComboBox<UserRef>("Members");
        var users = organization.enabledUsers();
        members.setItems(users);
        members.setItemLabelGenerator(UserRef::label);
        if (team != null) {
            name.setValue(team.name());
            description.setValue(team.description());
            var ids = team.members().stream().map(UserRef::id).collect(Collectors.toSet());
            members.setValue(users.stream().filter(u -> ids.contains(u.id())).collect(Collectors.toSet()));
        }
        var form = new FormLayout(name, description, members);
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1));
        dialog.add(form);
        dialog.setWidth("32rem");
        var save = new Button("Save", e -> {
            Set<UserId> memberIds = members.getValue().stream().map(UserRef::id).collect(Collectors.toSet());
            if (team == null) {
                organization.createTeam(name.getValue(), description.getValue(), memberIds);
            } else {
                organization.updateTeam(team.id(), team.version(), name.getValue(), description.getValue(), memberIds);
            }
            Notices.success("Team " + name.getValue().strip() + " saved.");
            grid.setItems(organization.findTeams());
            dialog.close();
        });
        save.setId("team-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), save);
        dialog.open();
    }
}
