package com.demarc.raci.ui;

import com.demarc.catalog.AwsService;
import com.demarc.catalog.CatalogService;
import com.demarc.organization.OrganizationService;
import com.demarc.project.Project;
import com.demarc.project.ProjectService;
import com.demarc.project.ui.ProjectDialog;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;

import java.util.stream.Collectors;

/**
 * The projects the user may see; members create projects for their teams, managers for any team. Lives beside
 * {@link ProjectView} so that one module owns the {@code /projects} routes: a project page is its RACI register, and
 * {@code raci} depends on {@code project}, not the other way round.
 */
@Route("projects")
@PageTitle("Projects")
@Menu(title = "Projects", order = 10, icon = "vaadin:folder-open")
@PermitAll
class ProjectsView extends VerticalLayout {
    private final Grid<Project> grid = new Grid<>();
    private final TextField search = new TextField();
    private final Checkbox archived = new Checkbox("Show archived");

    ProjectsView(ProjectService projects, CatalogService catalog, OrganizationService organization) {
        setSizeFull();
        search.setPlaceholder("Search projects or teams");
        search.setPrefixComponent(VaadinIcon.SEARCH.create());
        search.setClearButtonVisible(true);
        search.setValueChangeMode(ValueChangeMode.LAZY);
        search.addValueChangeListener(e -> grid.getDataProvider().refreshAll());
        archived.addValueChangeListener(e -> grid.getDataProvider().refreshAll());

        var toolbar = new HorizontalLayout(search, archived);
        toolbar.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        var editable = projects.editableTeams();
        if (editable.isEmpty() || !editable.get().isEmpty()) {
            var create = new Button("New project", VaadinIcon.PLUS.create(), e -> ProjectDialog.open(projects, catalog,
                    organization, null, p -> getUI().ifPresent(ui -> ui.navigate("projects/" + p.id().value()))));
            create.setId("new-project");
            create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            toolbar.add(create);
        }

        grid.setId("projects-grid");
        grid.addColumn(Project::name).setHeader("Project").setFlexGrow(2);
        grid.addColumn(Project::teamName).setHeader("Team");
        grid.addColumn(p -> p.services().stream().map(AwsService::code).collect(Collectors.joining(", ")))
                .setHeader("AWS services").setFlexGrow(3);
        grid.addColumn(Project::modelLabel).setHeader("Catalog").setAutoWidth(true);
        grid.addColumn(p -> p.archived() ? "Archived" : "Active").setHeader("State").setAutoWidth(true);
        grid.setItems(q -> projects.findProjects(search.getValue(), archived.getValue(), q.getOffset(), q.getLimit()).stream(),
                q -> projects.countProjects(search.getValue(), archived.getValue()));
        com.demarc.shared.ui.GridRows.open(grid, item -> getUI().ifPresent(ui -> ui.navigate("projects/" + item.id().value())));
        grid.setSizeFull();
        add(toolbar, grid);
    }
}
