package com.demarc.catalog.ui;

import com.demarc.catalog.AwsService;
import com.demarc.catalog.CatalogService;
import com.demarc.catalog.ServiceCategory;
import com.demarc.shared.Actors;
import com.demarc.shared.Permissions;
import com.demarc.shared.ui.Notices;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;

/** The AWS services projects can use, with their category; compliance managers add and recategorise them. */
@Route("catalog/services")
@PageTitle("AWS services")
@Menu(title = "AWS services", order = 22, icon = "vaadin:cloud")
@PermitAll
class ServicesView extends VerticalLayout {
    private final CatalogService catalog;
    private final Grid<AwsService> grid = new Grid<>();
    private final boolean canEdit;

    ServicesView(CatalogService catalog) {
        this.catalog = catalog;
        setSizeFull();
        canEdit = Actors.current().map(u -> u.getAuthorities().stream()
                .anyMatch(a -> a.getAuthority().equals(Permissions.SERVICE_EDIT))).orElse(false);
        add(new Paragraph("The category decides who owns what: on infrastructure services (EC2) the customer runs the "
                + "guest OS; on container services (RDS) AWS runs the platform; on abstracted services (S3, Lambda) "
                + "AWS runs everything below the customer's data and settings."));
        grid.setId("services-grid");
        grid.addColumn(AwsService::name).setHeader("Service").setSortable(true).setFlexGrow(2);
        grid.addColumn(AwsService::code).setHeader("Code").setSortable(true);
        grid.addColumn(s -> s.category().label()).setHeader("Category").setSortable(true);
        // A bounded reference list (tens of services): loaded whole.
        grid.setItems(catalog.services());
        grid.setSizeFull();
        if (canEdit) {
            var add = new Button("New service", VaadinIcon.PLUS.create(), e -> edit(null));
            add.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            add(add);
            com.demarc.shared.ui.GridRows.open(grid, this::edit);
        }
        add(grid);
    }

    private void edit(AwsService service) {
        var dialog = new Dialog(service == null ? "New AWS service" : "Edit " + service.name());
        var code = new TextField("Code");
        code.setPlaceholder("APP_RUNNER");
        var name = new TextField("Name");
        var category = new Select<ServiceCategory>();
        category.setLabel("Category");
        category.setItems(ServiceCategory.values());
        category.setItemLabelGenerator(ServiceCategory::label);
        if (service != null) {
            code.setValue(service.code());
            code.setReadOnly(true);
            name.setValue(service.name());
            category.setValue(service.category());
        }
        dialog.add(new FormLayout(code, name, category));
        var save = new Button("Save", e -> {
            if (service == null) {
                catalog.addService(code.getValue(), name.getValue(), category.getValue());
            } else {
                catalog.updateService(service.id(), service.version(), name.getValue(), category.getValue());
            }
            Notices.success("Service saved.");
            grid.setItems(catalog.services());
            dialog.close();
        });
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), save);
        dialog.open();
    }
}
