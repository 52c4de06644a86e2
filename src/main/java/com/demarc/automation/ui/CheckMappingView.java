package com.demarc.automation.ui;

import com.demarc.automation.CheckMapping;
import com.demarc.automation.CheckMappingService;
import com.demarc.catalog.CatalogService;
import com.demarc.catalog.ResponsibilityModel;
import com.demarc.shared.Actors;
import com.demarc.shared.Role;
import com.demarc.shared.ui.Downloads;
import com.demarc.shared.ui.Notices;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;

import java.util.Arrays;

/**
 * The Security Hub / AWS Config check mapping of a catalog version: everyone who reads the catalog views and exports
 * it (CSV, the shipped file's columns); compliance managers change the controls a check evidences (audited).
 */
@Route("check-mapping")
@PageTitle("Check mapping")
@PermitAll
class CheckMappingView extends VerticalLayout {
    private final CheckMappingService mapping;
    private final Grid<CheckMapping> grid = new Grid<>();
    private ResponsibilityModel model;

    CheckMappingView(CheckMappingService mapping, CatalogService catalog) {
        this.mapping = mapping;
        setSizeFull();
        var models = catalog.models();
        model = models.getFirst();
        var version = new Select<ResponsibilityModel>();
        version.setLabel("Catalog version");
        version.setItems(models);
        version.setItemLabelGenerator(m -> m == null ? "" : m.label());
        version.setValue(model);
        version.addValueChangeListener(e -> {
            model = e.getValue();
            refresh();
        });
        var export = new Anchor(Downloads.text("check-mapping.csv", "text/csv", out -> mapping.exportCsv(model.id(), out)),
                "Export CSV");
        export.setId("export-check-mapping");
        grid.setId("check-mapping");
        grid.addColumn(CheckMapping::checkId).setHeader("Security Hub control").setAutoWidth(true).setSortable(true);
        grid.addColumn(m -> m.configRule() == null ? "" : m.configRule()).setHeader("AWS Config rule").setAutoWidth(true);
        grid.addColumn(CheckMapping::severity).setHeader("Severity").setAutoWidth(true);
        grid.addColumn(m -> String.join(", ", m.controlCodes())).setHeader("Evidences controls").setFlexGrow(2);
        grid.addColumn(CheckMapping::confidence).setHeader("Confidence").setAutoWidth(true);
        grid.addColumn(CheckMapping::note).setHeader("Note").setFlexGrow(2);
        if (Actors.current().map(u -> u.hasRole(Role.MANAGER)).orElse(false)) {
            com.demarc.shared.ui.GridRows.open(grid, this::edit);
        }
        add(new H2("Check mapping"), new Paragraph("Which catalog controls a PASSED Security Hub control (or the AWS Config "
                + "managed rule behind it) evidences. Shipped with the catalog; compliance managers click a row to change it."),
                version, export, grid);
        refresh();
    }

    private void edit(CheckMapping m) {
        var dialog = new Dialog();
        dialog.setHeaderTitle(m.checkId());
        var codes = new TextField("Controls (comma-separated codes)");
        codes.setWidth("30em");
        codes.setValue(String.join(", ", m.controlCodes()));
        dialog.add(codes);
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), new Button("Save", e -> {
            mapping.setControls(m.modelId(), m.checkId(), m.version(), Arrays.asList(codes.getValue().split(",")));
            Notices.success("The mapping of " + m.checkId() + " was saved.");
            dialog.close();
            refresh();
        }));
        dialog.open();
    }

    private void refresh() {
        grid.setItems(mapping.mapping(model.id()));
    }
}
