package com.demarc.evidence.ui;

import com.demarc.evidence.EvidenceService;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Compliance managers' queue of submitted evidence, newest first, with the selected one beside it to preview and
 * accept or reject; after a decision the next one opens.
 */
@Route("review")
@PageTitle("Evidence review")
@Menu(title = "Evidence review", order = 30, icon = "vaadin:check-square-o")
@RolesAllowed("MANAGER")
class ReviewQueueView extends VerticalLayout {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);
    private final EvidenceService evidence;
    private final Paragraph waiting = new Paragraph();
    private final Grid<EvidenceService.ReviewItem> grid = new Grid<>();
    private final ReviewPanel panel;

    ReviewQueueView(EvidenceService evidence) {
        this.evidence = evidence;
        setSizeFull();
        waiting.setId("review-waiting");
        grid.setId("review-grid");
        grid.addColumn(r -> r.control().data().projectName()).setHeader("Project").setAutoWidth(true);
        grid.addColumn(r -> r.control().data().code()).setHeader("Control").setAutoWidth(true);
        grid.addColumn(r -> r.version().isFile() ? r.version().fileName() : r.item().url()).setHeader("File or link").setFlexGrow(2);
        grid.addColumn(r -> r.version().uploadedBy()).setHeader("By").setAutoWidth(true);
        grid.addColumn(r -> WHEN.format(r.version().uploadedAt())).setHeader("When (UTC)").setAutoWidth(true);
        grid.setItems(q -> evidence.reviewQueue(q.getOffset(), q.getLimit()).stream(), q -> evidence.countReviewQueue());
        grid.setSizeFull();
        panel = new ReviewPanel(evidence);
        grid.addItemClickListener(e -> open(e.getItem()));
        panel.addDecidedListener(e -> next());
        var split = new HorizontalLayout(grid, panel);
        split.setSizeFull();
        split.setFlexGrow(1, grid);
        split.setFlexGrow(1, panel);
        add(waiting, split);
        next();
    }

    private void open(EvidenceService.ReviewItem item) {
        grid.select(item);
        panel.show(item);
    }

    /** After a decision the reviewed version leaves the queue: the newest one still waiting opens. */
    private void next() {
        int count = evidence.countReviewQueue();
        waiting.setText(count + " submitted version(s) wait for review. Select one to preview it and decide.");
        grid.getDataProvider().refreshAll();
        var items = count == 0 ? java.util.List.<EvidenceService.ReviewItem>of() : evidence.reviewQueue(0, 1);
        if (items.isEmpty()) {
            panel.getContent().removeAll();
            panel.getContent().add(new Paragraph("Nothing waits for review."));
        } else {
            open(items.get(0));
        }
    }
}
