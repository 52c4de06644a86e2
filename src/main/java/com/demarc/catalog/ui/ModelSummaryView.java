package com.demarc.catalog.ui;

import com.demarc.catalog.CatalogService;
import com.demarc.catalog.SummaryRow;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;

/** The AWS model summary: the 13 rows of the seed table, who owns each and the controls that realise it. */
@Route("catalog/summary")
@PageTitle("Model summary")
@Menu(title = "Model summary", order = 21, icon = "vaadin:table")
@PermitAll
class ModelSummaryView extends VerticalLayout {

    ModelSummaryView(CatalogService catalog) {
        setSizeFull();
        var model = catalog.latestModel();
        add(new Paragraph("The " + model.label() + " in one table: each row is the customer's, AWS's, or both, "
                + "and is realised by the controls listed. Dashboards show coverage per row."));
        var grid = new Grid<SummaryRow>();
        grid.setId("summary-grid");
        grid.addColumn(SummaryRow::code).setHeader("Row").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(SummaryRow::text).setHeader("Responsibility").setFlexGrow(3);
        grid.addComponentColumn(r -> OwnerBadge.of(r.owner())).setHeader("Owner").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(r -> String.join(", ", r.controlCodes())).setHeader("Realised by").setFlexGrow(2);
        // Thirteen rows, fixed by the model.
        grid.setItems(catalog.summary(model.id()));
        grid.setAllRowsVisible(true);
        add(grid);
    }
}
