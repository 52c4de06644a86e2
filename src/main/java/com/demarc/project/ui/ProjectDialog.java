package com.demarc.project.ui;

import com.demarc.catalog.AwsService;
import com.demarc.catalog.CatalogService;
import com.demarc.organization.OrganizationService;
import com.demarc.organization.Team;
import com.demarc.project.OwnerChange;
import com.demarc.project.Project;
import com.demarc.project.ProjectDraft;
import com.demarc.project.ProjectService;
import com.demarc.shared.UserFacingException;
import com.demarc.shared.ui.Notices;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Creates or edits a project. Changing its services shows, before saving, which controls change owner
 * ("adding EC2 makes guest OS patching yours").
 */
public class ProjectDialog extends Dialog {
    private final ProjectService projects;
    private final Project existing;
    private final Select<Team> team = new Select<>();
    private final TextField name = new TextField("Name");
    private final TextArea description = new TextArea("Description");
    private final TextField accounts = new TextField("AWS account ids");
    private final MultiSelectComboBox<AwsService> services = new MultiSelectComboBox<>("AWS services used");
    private final Div preview = new Div();

    public ProjectDialog(ProjectService projects, CatalogService catalog, OrganizationService organization,
                         Project existing, Consumer<Project> onSaved) {
        this.projects = projects;
        this.existing = existing;
        setHeaderTitle(existing == null ? "New project" : "Edit " + existing.name());
        setWidth("44rem");

        var editable = projects.editableTeams();
        var teams = organization.teamDirectory().stream()
                .filter(t -> editable.isEmpty() || editable.get().contains(t.id())).toList();
        team.setLabel("Team");
        team.setItems(teams);
        team.setItemLabelGenerator(Team::name);
        team.setId("project-team");
        name.setId("project-name");
        accounts.setHelperText("12-digit ids, separated by commas");
        accounts.setId("project-accounts");
        var all = catalog.services();
        services.setItems(all);
        services.setItemLabelGenerator(s -> s.name() + " (" + s.category().label().toLowerCase(java.util.Locale.ROOT) + ")");
        services.setId("project-services");
        if (existing != null) {
            teams.stream().filter(t -> t.id().equals(existing.teamId())).findFirst().ifPresent(team::setValue);
            name.setValue(existing.name());
            description.setValue(existing.description());
            accounts.setValue(String.join(", ", existing.awsAccountIds()));
            var ids = existing.services().stream().map(AwsService::id).collect(Collectors.toSet());
            services.setValue(all.stream().filter(s -> ids.contains(s.id())).collect(Collectors.toSet()));
            services.addValueChangeListener(e -> showPreview());
        } else if (teams.size() == 1) {
            team.setValue(teams.get(0));
        }
        var form = new FormLayout(team, name, description, accounts, services);
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1));
        add(form, preview);

        var save = new Button(existing == null ? "Create project" : "Save", e -> {
            try {
                var saved = existing == null ? projects.create(draft())
                        : projects.update(existing.id(), existing.version(), draft());
                Notices.success("Project " + saved.name() + " saved.");
                onSaved.accept(saved);
                close();
            } catch (UserFacingException ex) {
                Notices.error(ex);
            }
        });
        save.setId("project-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        getFooter().add(new Button("Cancel", e -> close()), save);
    }

    private ProjectDraft draft() {
        List<String> ids = Arrays.stream(accounts.getValue().split("[,;\\s]+")).filter(s -> !s.isBlank()).toList();
        Set<Long> serviceIds = services.getValue().stream().map(AwsService::id).collect(Collectors.toSet());
        return new ProjectDraft(team.getValue() == null ? null : team.getValue().id(), name.getValue(),
                description.getValue(), ids, serviceIds);
    }

    private void showPreview() {
        preview.removeAll();
        var ids = services.getValue().stream().map(AwsService::id).collect(Collectors.toSet());
        List<OwnerChange> changes = projects.previewServices(existing.id(), ids);
        if (changes.isEmpty()) {
            preview.add(new Paragraph("No control changes owner with these services."));
            return;
        }
        var list = new UnorderedList();
        changes.forEach(c -> list.add(new ListItem(c.describe())));
        preview.setId("owner-preview");
        preview.add(new H4("Saving changes the owner of " + changes.size() + " control(s)"), list);
    }
}
