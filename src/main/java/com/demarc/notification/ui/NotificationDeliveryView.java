package com.demarc.notification.ui;

import com.demarc.notification.DeliveryFailure;
import com.demarc.notification.NotificationDeliveries;
import com.demarc.shared.Permissions;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** For admins: is e-mail on, how much waits in the outbox, and what could not be sent (with a retry). */
@Route("admin/notifications")
@PageTitle("Notification delivery")
@Menu(title = "Notification delivery", order = 96, icon = "vaadin:envelope")
@RolesAllowed("ADMIN")
class NotificationDeliveryView extends VerticalLayout {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

    NotificationDeliveryView(NotificationDeliveries deliveries) {
        var status = deliveries.status();
        var mail = new Paragraph(status.mailEnabled()
                ? "E-mail is on: SMTP server " + status.mailServer() + "."
                : "E-mail is off: no SMTP server is configured (set SPRING_MAIL_HOST, see README), so notifications "
                + "are in-app only.");
        mail.setId("mail-status");
        var counts = new Paragraph(status.backlog() + " message(s) waiting to be sent, " + status.failed()
                + " failed or skipped (below).");
        counts.setId("outbox-counts");
        var grid = new Grid<DeliveryFailure>();
        grid.setId("delivery-failures");
        grid.addColumn(f -> WHEN.format(f.createdAt())).setHeader("When").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(DeliveryFailure::channel).setHeader("Channel").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(DeliveryFailure::title).setHeader("Message").setFlexGrow(1);
        grid.addColumn(DeliveryFailure::attempts).setHeader("Attempts").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(DeliveryFailure::error).setHeader("Last error").setFlexGrow(1);
        grid.addComponentColumn(f -> new Button("Retry", e -> {
            deliveries.retry(f.id());
            grid.getDataProvider().refreshAll();
        })).setHeader("Action").setAutoWidth(true).setFlexGrow(0);
        grid.setItems(q -> deliveries.failures(q.getOffset(), q.getLimit()).stream());
        add(mail, counts, grid);
        setSizeFull();
    }
}
