package com.demarc.project.ui;

import com.demarc.project.AwsAccountId;
import com.demarc.catalog.AwsService;
import com.demarc.catalog.AwsServiceId;
import com.demarc.catalog.CatalogService;
import com.demarc.organization.OrganizationService;
import com.demarc.organization.Team;
import com.demarc.project.OwnerChange;
import com.demarc.project.Project;
import com.demarc.project.ProjectDraft;
import com.demarc.project.ProjectService;
import com.demarc.shared.ui.Notices;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.UnorderedList;

import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Creates or edits a project. Changing its services shows, before saving, which controls change owner
 * ("adding EC2 makes guest OS patching yours"). Saving hands the draft to one callback (one service call).
 */
public class ProjectDialog extends Dialog {
    private final Div preview = new Div();

    /** Opens the dialog for a new project ({@code existing} null) or an edit, wired to {@link ProjectService}. */
    public static void open(ProjectService projects, CatalogService catalog, OrganizationService organization,
                            Project existing, Consumer<Project> onSaved) {
        var editable = projects.editableTeams();
        var teams = organization.teamDirectory().stream()
                .filter(t -> editable.isEmpty() || editable.get().contains(t.id())).toList();
        ProjectDraft draft = existing == null
                ? new ProjectDraft(teams.size() == 1 ? teams.get(0).id() : null, "", "", List.of(), Set.of())
                : new ProjectDraft(existing.teamId(), existing.name(), existing.description(), existing.awsAccountIds().stream().map(AwsAccountId::value).toList(),
                        existing.services().stream().map(AwsService::id).collect(Collectors.toSet()));
        Function<ProjectDraft, Project> save = existing == null ? projects::create
                : d -> projects.update(existing.id(), existing.version(), d);
        Function<Set<AwsServiceId>, List<OwnerChange>> previewServices = existing == null ? null
                : ids -> projects.previewServices(existing.id(), ids);
        new ProjectDialog(existing == null ? "New project" : "Edit " + existing.name(), teams, catalog.services(), draft,
                previewServices, save, onSaved).open();
    }

    ProjectDialog(String title, List<Team> teams, List<AwsService> services, ProjectDraft draft,
                  Function<Set<AwsServiceId>, List<OwnerChange>> previewServices, Function<ProjectDraft, Project> save,
                  Consumer<Project> onSaved) {
        setHeaderTitle(title);
        setWidth("44rem");
        var form = new ProjectForm(teams, services);
        form.readRecord(draft);
        if (previewServices != null) {
            form.onServicesChanged(() -> showPreview(previewServices.apply(form.pickedServiceIds())));
        }
        add(form, preview);

        var saveButton = new Button(previewServices == null ? "Create project" : "Save",
                e -> Notices.written(form::writeRecord).ifPresent(entered -> {
                    var saved = save.apply(entered);
                    Notices.success("Project " + saved.name() + " saved.");
                    onSaved.accept(saved);
                    close();
                }));
        saveButton.setId("project-save");
        saveButton.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        getFooter().add(new Button("Cancel", e -> close()), saveButton);
    }

    private void showPreview(List<OwnerChange> changes) {
        preview.removeAll();
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
