package com.demarc.raci.ui;

import com.demarc.catalog.CatalogService;
import com.demarc.catalog.Domain;
import com.demarc.catalog.Owner;
import com.demarc.organization.OrganizationService;
import com.demarc.project.ControlQuery;
import com.demarc.project.ProjectId;
import com.demarc.project.ProjectService;
import com.demarc.project.Status;
import com.demarc.raci.MatrixQuery;
import com.demarc.raci.MatrixRow;
import com.demarc.raci.RaciRole;
import com.demarc.raci.RaciService;
import com.demarc.shared.ui.Badge;
import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;

import java.util.List;
import java.util.Set;

/** The RACI matrix: controls as rows, R/A/C/I as readable cells, filters, lazy loading; click a row to edit it. */
class RaciMatrix extends Composite<VerticalLayout> {
    private final RaciService raci;
    private final Grid<MatrixRow> grid = new Grid<>();
    private final Select<Domain> domain = new Select<>();
    private final Select<Owner> owner = new Select<>();
    private final Select<Status> status = new Select<>();
    private final Checkbox unowned = new Checkbox("Unowned only");
    private final TextField text = new TextField();
    private ProjectId project;
    private com.demarc.organization.TeamId teamId;

    RaciMatrix(RaciService raci, ProjectService projects, CatalogService catalog, OrganizationService organization,
               boolean showProject) {
        this.raci = raci;
        var layout = getContent();
        layout.setPadding(false);
        layout.setSizeFull();

        domain.setLabel("Domain");
        domain.setItems(catalog.domains(catalog.latestModel().id()));
        domain.setItemLabelGenerator(d -> d == null ? "Any" : d.name());
        domain.setEmptySelectionAllowed(true);
        domain.setEmptySelectionCaption("Any");
        owner.setLabel("Owner");
        owner.setItems(Owner.values());
        owner.setItemLabelGenerator(o -> o == null ? "Any" : o.label());
        owner.setEmptySelectionAllowed(true);
        owner.setEmptySelectionCaption("Any");
        status.setLabel("Status");
        status.setItems(Status.values());
        status.setItemLabelGenerator(s -> s == null ? "Any" : s.label());
        status.setEmptySelectionAllowed(true);
        status.setEmptySelectionCaption("Any");
        text.setLabel("Control");
        text.setPlaceholder("Code or title");
        text.setClearButtonVisible(true);
        text.setValueChangeMode(ValueChangeMode.LAZY);
        text.setPrefixComponent(VaadinIcon.SEARCH.create());
        unowned.setId("filter-unowned");
        domain.addValueChangeListener(e -> reload());
        owner.addValueChangeListener(e -> reload());
        status.addValueChangeListener(e -> reload());
        unowned.addValueChangeListener(e -> reload());
        text.addValueChangeListener(e -> reload());

        grid.setId("raci-grid");
        // no check boxes until the view says this user may act on a selection (an auditor may not: issue 19)
        grid.setSelectionMode(Grid.SelectionMode.NONE);
        if (showProject) {
            grid.addColumn(r -> r.control().data().projectName()).setHeader("Project").setAutoWidth(true).setFlexGrow(0);
        }
        grid.addColumn(r -> r.control().data().code()).setHeader("Code").setAutoWidth(true).setFlexGrow(0);
        // titles wrap and carry a tooltip: "Custo…" at 1440 px said nothing (issue 19)
        grid.addColumn(r -> r.control().data().title()).setHeader("Control").setFlexGrow(3).setWidth("14rem")
                .setTooltipGenerator(r -> r.control().data().code() + " — " + r.control().data().title());
        grid.addThemeVariants(com.vaadin.flow.component.grid.GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.addColumn(Badge.renderer(r -> r.control().data().owner().label(),
                        r -> "owner-" + r.control().data().owner().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-')))
                .setHeader("Owner").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(Badge.renderer(r -> r.control().data().status().label(),
                        r -> "status-" + r.control().data().status().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-')))
                .setHeader("Status").setAutoWidth(true).setFlexGrow(0);
        for (RaciRole role : List.of(RaciRole.R, RaciRole.A, RaciRole.C, RaciRole.I)) {
            grid.addColumn(Badge.text(r -> r.control().needsRaci() ? r.raci().names(role) : "—", r -> "raci-cell", r -> ""))
                    .setHeader(role.name() + " · " + role.label()).setFlexGrow(1);
        }
        grid.addColumn(r -> r.evidence().label()).setHeader("Evidence").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(Badge.text(
                r -> r.unowned() ? "Unowned" : r.control().data().dueDate() == null ? "" : r.control().data().dueDate().toString(),
                r -> r.unowned() ? "owner-badge unowned" : r.control().overdue(projects.today()) ? "overdue" : "",
                r -> r.unowned() ? String.join(", ", r.raci().gaps()) : r.control().overdue(projects.today()) ? "Overdue" : ""))
                .setHeader("Due / gaps").setAutoWidth(true).setFlexGrow(0);
        grid.setItems(q -> raci.matrix(query(), q.getOffset(), q.getLimit()).stream(), q -> raci.countMatrix(query()))
                // rows are records: after an edit the new row is not equal to the old one, so the selection must
                // follow the control's id, not the row's content
                .setIdentifierProvider(r -> r.control().id());
        grid.addItemClickListener(e -> ControlEditorDialog.open(projects, raci, organization, e.getItem().control(),
                e.getItem().evidence(), this::refresh));
        grid.setSizeFull();
        grid.getColumns().forEach(c -> c.setResizable(true));

        var filters = new HorizontalLayout(domain, owner, status, text, unowned);
        filters.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        filters.setWrap(true);
        layout.add(filters, grid);
    }

    void showProject(ProjectId project) {
        this.project = project;
        this.teamId = null;
        reload();
    }

    void showTeam(com.demarc.organization.TeamId teamId) {
        this.project = null;
        this.teamId = teamId;
        refresh();
    }

    private MatrixQuery query() {
        return new MatrixQuery(new ControlQuery(project, teamId, domain.getValue() == null ? null : domain.getValue().code(),
                owner.getValue(), status.getValue(), text.getValue()), unowned.getValue());
    }

    /** Check boxes for bulk actions; only for users who may take them. */
    void enableSelection() {
        var model = (com.vaadin.flow.component.grid.GridMultiSelectionModel<MatrixRow>) grid.setSelectionMode(Grid.SelectionMode.MULTI);
        // select-all over the filtered rows (lazy data: Vaadin hides it unless asked)
        model.setSelectAllCheckboxVisibility(com.vaadin.flow.component.grid.GridMultiSelectionModel.SelectAllCheckboxVisibility.VISIBLE);
    }

    Set<MatrixRow> selected() {
        return grid.getSelectedItems();
    }

    /**
     * Reloads the rows. The selection is emptied: after a bulk action (or any edit) the ticks are gone on screen, and a
     * selection kept behind the screen would make the next bulk action change rows the user no longer sees ticked
     * (issue 19: "Assign to 3 control(s)" after ticking one).
     */
    void refresh() {
        grid.deselectAll();
        reload();
    }

    /** A filter changed: the ticks stay (rows are identified by control id, so a ticked row shows ticked again). */
    private void reload() {
        grid.getDataProvider().refreshAll();
    }
}
