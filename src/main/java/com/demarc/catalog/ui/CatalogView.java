package com.demarc.catalog.ui;

import com.demarc.catalog.AwsService;
import com.demarc.catalog.CatalogService;
import com.demarc.catalog.Control;
import com.demarc.catalog.ControlFilter;
import com.demarc.catalog.Domain;
import com.demarc.catalog.EffectiveOwner;
import com.demarc.catalog.Owner;
import com.demarc.catalog.ResponsibilityModel;
import com.demarc.catalog.ServiceCategory;
import com.demarc.shared.Actors;
import com.demarc.shared.Permissions;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;

import java.util.List;

/** Browse and filter the controls of a catalog version; preview who owns each for a set of AWS services. */
@Route("catalog")
@PageTitle("Catalog")
@Menu(title = "Catalog", order = 20, icon = "vaadin:book")
@PermitAll
class CatalogView extends VerticalLayout {
    private final CatalogService catalog;
    private final Grid<Control> grid = new Grid<>();
    private final Select<ResponsibilityModel> version = new Select<>();
    private final Select<Owner> owner = new Select<>();
    private final Select<Domain> domain = new Select<>();
    private final Select<ServiceCategory> category = new Select<>();
    private final TextField text = new TextField();
    private final MultiSelectComboBox<AwsService> preview = new MultiSelectComboBox<>("Preview owners for these AWS services");
    private Grid.Column<Control> previewColumn;

    CatalogView(CatalogService catalog) {
        this.catalog = catalog;
        setSizeFull();

        version.setLabel("Version");
        version.setItems(catalog.models());
        version.setItemLabelGenerator(ResponsibilityModel::label);
        version.setValue(catalog.latestModel());
        version.addValueChangeListener(e -> {
            domain.setItems(catalog.domains(e.getValue().id()));
            refresh();
        });

        owner.setLabel("Owner");
        owner.setId("filter-owner");
        owner.setItems(Owner.values());
        owner.setItemLabelGenerator(o -> o == null ? "Any" : o.label());
        owner.setEmptySelectionAllowed(true);
        owner.setEmptySelectionCaption("Any");
        owner.setHelperText("With a category: the owner in that category");

        domain.setLabel("Domain");
        domain.setItems(catalog.domains(version.getValue().id()));
        domain.setItemLabelGenerator(d -> d == null ? "Any" : d.name());
        domain.setEmptySelectionAllowed(true);
        domain.setEmptySelectionCaption("Any");

        category.setLabel("Service category");
        category.setItems(ServiceCategory.values());
        category.setItemLabelGenerator(c -> c == null ? "Any" : c.label());
        category.setEmptySelectionAllowed(true);
        category.setEmptySelectionCaption("Any");

        text.setLabel("Search");
        text.setId("filter-text");
        text.setPlaceholder("Code, title, text, CCM or NIST id");
        text.setClearButtonVisible(true);
        text.setValueChangeMode(ValueChangeMode.LAZY);
        text.setPrefixComponent(VaadinIcon.SEARCH.create());
        List.of(owner, domain, category).forEach(s -> s.addValueChangeListener(e -> refresh()));
        text.addValueChangeListener(e -> refresh());

        preview.setItems(catalog.services());
        preview.setItemLabelGenerator(s -> s.name() + " · " + s.category().label());
        preview.setWidth("28rem");
        preview.addValueChangeListener(e -> {
            previewColumn.setVisible(!e.getValue().isEmpty());
            grid.getDataProvider().refreshAll();
        });

        grid.setId("catalog-grid");
        grid.addColumn(control -> control.data().code()).setHeader("Code").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(control -> control.data().title()).setHeader("Control").setFlexGrow(3);
        grid.addColumn(control -> control.data().domainName()).setHeader("Domain").setFlexGrow(1);
        grid.addComponentColumn(c -> OwnerBadge.of(c.data().defaultOwner())).setHeader("Owner").setAutoWidth(true).setFlexGrow(0);
        for (ServiceCategory cat : ServiceCategory.values()) {
            grid.addComponentColumn(c -> OwnerBadge.of(c.ownerIn(cat))).setHeader(cat.label()).setAutoWidth(true)
                    .setFlexGrow(0);
        }
        previewColumn = grid.addComponentColumn(c -> {
            var eff = EffectiveOwner.of(c, preview.getValue());
            var badge = OwnerBadge.of(eff.owner());
            badge.setTitle(eff.reason());
            return badge;
        }).setHeader("For these services").setAutoWidth(true).setFlexGrow(0);
        previewColumn.setVisible(false);
        grid.setItems(q -> catalog.findControls(filter(), q.getOffset(), q.getLimit()).stream(),
                q -> catalog.countControls(filter()));
        com.demarc.shared.ui.GridRows.open(grid, item -> getUI().ifPresent(ui -> ui.navigate(ControlView.class, item.id().value())));
        grid.setSizeFull();

        var filters = new HorizontalLayout(version, owner, domain, category, text);
        filters.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        filters.setWrap(true);
        var tools = new HorizontalLayout(preview);
        tools.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        if (Actors.current().map(u -> u.getAuthorities().stream()
                .anyMatch(a -> a.getAuthority().equals(Permissions.CATALOG_EDIT))).orElse(false)) {
            var add = new Button("New organisation control", VaadinIcon.PLUS.create(),
                    e -> new OrganisationControlDialog(catalog, version.getValue(), null, this::refresh).open());
            add.setId("new-org-control");
            add.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            tools.add(add);
        }
        add(filters, tools, grid);
    }

    private ControlFilter filter() {
        return new ControlFilter(version.getValue().id(), owner.getValue(),
                domain.getValue() == null ? null : domain.getValue().code(), category.getValue(), text.getValue());
    }

    private void refresh() {
        grid.getDataProvider().refreshAll();
    }
}
