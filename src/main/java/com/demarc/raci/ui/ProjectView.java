package com.demarc.raci.ui;

import com.demarc.project.AwsAccountId;
import com.demarc.catalog.AwsService;
import com.demarc.catalog.CatalogService;
import com.demarc.catalog.ResponsibilityModel;
import com.demarc.organization.OrganizationService;
import com.demarc.project.Project;
import com.demarc.project.ProjectId;
import com.demarc.project.ProjectService;
import com.demarc.project.ui.ProjectDialog;
import com.demarc.raci.RaciService;
import com.demarc.shared.ui.Notices;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEvent;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.HasUrlParameter;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;
import org.springframework.security.access.AccessDeniedException;

import java.util.stream.Collectors;

/** One project: its services and catalog version, and its control register as a RACI matrix. */
@Route("projects")
@PermitAll
class ProjectView extends VerticalLayout implements HasUrlParameter<Long>, HasDynamicTitle {
    private final ProjectService projects;
    private final CatalogService catalog;
    private final OrganizationService organization;
    private final RaciService raci;
    private final com.demarc.project.EvidenceStates evidenceStates;
    private String title = "Project";

    ProjectView(ProjectService projects, CatalogService catalog, OrganizationService organization, RaciService raci,
                com.demarc.project.EvidenceStates evidenceStates) {
        this.projects = projects;
        this.evidenceStates = evidenceStates;
        this.catalog = catalog;
        this.organization = organization;
        this.raci = raci;
        setSizeFull();
    }

    @Override
    public void setParameter(BeforeEvent event, Long id) {
        removeAll();
        Project project;
        try {
            project = projects.project(new ProjectId(id));
        } catch (AccessDeniedException | java.util.NoSuchElementException e) {
            add(new H2("Project not available"), new Paragraph("This project does not exist or belongs to a team you "
                    + "are not in. Ask a compliance manager if you need access."), new com.vaadin.flow.component.html.Anchor("projects", "Back to projects"));
            return;
        }
        title = project.name();
        render(project);
        openFromAddress(project, event.getLocation().getQueryParameters());
    }

    /**
     * {@code ?control=<id>&fix=raci|status} (a dashboard gap list's row): opens that control's editor with the cursor
     * where the fix is. A control of another project, or one the user may not see, opens nothing.
     */
    private void openFromAddress(Project project, com.vaadin.flow.router.QueryParameters params) {
        var id = params.getSingleParameter("control").filter(v -> v.matches("\\d{1,18}")).map(Long::parseLong);
        if (id.isEmpty()) {
            return;
        }
        com.demarc.project.ProjectControl control;
        try {
            control = projects.control(new com.demarc.project.ProjectControlId(id.get()));
        } catch (AccessDeniedException | java.util.NoSuchElementException e) {
            return;
        }
        if (!control.data().projectId().equals(project.id())) {
            return;
        }
        var state = com.demarc.project.EvidenceState.orNone(evidenceStates.states(java.util.List.of(control)).get(control.id()));
        // saved: the address loses the control (a reload must not open it again), Back still returns to the gap list
        var dialog = ControlEditorDialog.open(projects, raci, organization, control, state, () -> {
            getUI().ifPresent(ui -> ui.getPage().getHistory().replaceState(null, "projects/" + project.id().value()));
            removeAll();
            render(projects.project(project.id()));
        });
        dialog.focusOn(!"status".equals(params.getSingleParameter("fix").orElse("raci")));
    }

    private void render(Project p) {
        var heading = new H2(p.name());
        heading.setId("project-title");
        var facts = new Paragraph(p.teamName() + " · " + p.modelLabel() + (p.archived() ? " · archived" : "")
                + (p.awsAccountIds().isEmpty() ? "" : " · accounts " + p.awsAccountIds().stream().map(AwsAccountId::value).collect(java.util.stream.Collectors.joining(", "))));
        var services = new Paragraph("AWS services: " + (p.services().isEmpty() ? "none recorded yet"
                : p.services().stream().map(AwsService::name).collect(Collectors.joining(", "))));
        add(new com.vaadin.flow.component.html.Anchor("projects", "← Projects"), heading, facts, services);
        if (!p.description().isBlank()) {
            add(new Paragraph(p.description()));
        }
        if (com.demarc.shared.Actors.current().map(u -> u.getAuthorities().stream().anyMatch(a -> a.getAuthority()
                .equals(com.demarc.shared.Permissions.EVIDENCE_READ))).orElse(false)) {
            // the oscal module's page, by URL: the raci module does not depend on it
            var oscal = new com.vaadin.flow.component.html.Anchor("oscal?project=" + p.id().value(), "OSCAL export (SSP)");
            oscal.setId("oscal-export");
            // the automation module's page, by URL likewise
            var checks = new com.vaadin.flow.component.html.Anchor("checks/" + p.id().value(),
                    "Check results (Security Hub / AWS Config)");
            checks.setId("check-results-link");
            add(new HorizontalLayout(oscal, checks));
        }
        var people = new com.vaadin.flow.component.html.Anchor("matrix/people?project=" + p.id().value(),
                "RACI matrix: people across");
        people.setId("people-matrix-link");
        add(people);
        var matrix = new RaciMatrix(raci, projects, catalog, organization, false);
        matrix.showProject(p.id());
        if (projects.canEdit(p.id())) {
            matrix.enableSelection();
            var actions = new HorizontalLayout();
            actions.add(new Button("Edit project", VaadinIcon.EDIT.create(), e -> ProjectDialog.open(projects, catalog,
                    organization, projects.project(p.id()), saved -> reload(p.id()))));
            var latest = catalog.latestModel();
            if (!latest.id().equals(p.modelId())) {
                actions.add(new Button("Upgrade to " + latest.label(), VaadinIcon.ARROW_UP.create(), e -> upgrade(p, latest)));
            }
            var bulk = new Button("Assign A or R to selected…", VaadinIcon.USERS.create(),
                    e -> new BulkAssignDialog(raci, organization, java.util.Set.of(p.id()), java.util.Set.of(p.teamId()),
                            matrix.selected().stream().map(r -> r.control().data().code()).collect(Collectors.toSet()),
                            matrix::refresh).open());
            bulk.setId("bulk-assign");
            var templates = new Button("Templates and copy…", VaadinIcon.COPY.create(),
                    e -> new TemplateDialog(raci, projects, p, matrix::refresh).open());
            templates.setId("templates");
            actions.add(bulk, templates);
            actions.add(new Button(p.archived() ? "Restore" : "Archive", e -> {
                projects.setArchived(p.id(), p.version(), !p.archived());
                reload(p.id());
            }));
            add(actions);
        }
        add(matrix);
    }

    private void upgrade(Project p, ResponsibilityModel target) {
        var changes = projects.previewUpgrade(p.id(), target.id());
        var list = new UnorderedList();
        changes.stream().limit(100).forEach(c -> list.add(new ListItem(c.describe())));
        var dialog = new ConfirmDialog();
        dialog.setHeader("Upgrade " + p.name() + " to " + target.label() + "?");
        dialog.setText(changes.isEmpty() ? new Paragraph("No control changes.") : list);
        dialog.setCancelable(true);
        dialog.setConfirmText("Upgrade");
        dialog.addConfirmListener(e -> {
            projects.upgrade(p.id(), p.version(), target.id());
            Notices.success(p.name() + " now follows " + target.label() + ".");
            reload(p.id());
        });
        dialog.open();
    }

    private void reload(ProjectId id) {
        getUI().ifPresent(ui -> ui.getPage().reload());
    }

    @Override
    public String getPageTitle() {
        return title;
    }

}
