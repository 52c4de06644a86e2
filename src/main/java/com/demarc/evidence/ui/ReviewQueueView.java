package com.demarc.evidence.ui;

import com.demarc.evidence.EvidenceService;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Compliance managers' queue of submitted evidence, newest first; open one to accept or reject it. */
@Route("review")
@PageTitle("Evidence review")
@Menu(title = "Evidence review", order = 30, icon = "vaadin:check-square-o")
@RolesAllowed("MANAGER")
class ReviewQueueView extends VerticalLayout {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

    ReviewQueueView(EvidenceService evidence) {
        setSizeFull();
        add(new Paragraph(evidence.countReviewQueue() + " submitted version(s) wait for review. Click one to open its control."));
        var grid = new Grid<EvidenceService.ReviewItem>();
        grid.setId("review-grid");
        grid.addColumn(r -> r.control().data().projectName()).setHeader("Project").setAutoWidth(true);
        grid.addColumn(r -> r.control().data().code()).setHeader("Control").setAutoWidth(true);
        grid.addColumn(r -> r.item().title()).setHeader("Evidence").setFlexGrow(2);
        grid.addColumn(r -> r.version().isFile() ? r.version().fileName() : r.item().url()).setHeader("File or link").setFlexGrow(2);
        grid.addColumn(r -> r.version().uploadedBy()).setHeader("By").setAutoWidth(true);
        grid.addColumn(r -> WHEN.format(r.version().uploadedAt())).setHeader("When (UTC)").setAutoWidth(true);
        grid.setItems(q -> evidence.reviewQueue(q.getOffset(), q.getLimit()).stream(), q -> evidence.countReviewQueue());
        grid.addItemClickListener(e -> getUI().ifPresent(ui -> ui.navigate("evidence/" + e.getItem().control().id().value())));
        grid.setSizeFull();
        add(grid);
    }
}
