package com.demarc.notification.ui;

import com.demarc.notification.Notification;
import com.demarc.notification.NotificationService;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** Every notification of the signed-in user, newest first, loaded lazily. */
@Route("notifications")
@PageTitle("Notifications")
@Menu(title = "Notifications", order = 94, icon = "vaadin:bell")
@PermitAll
class NotificationsView extends VerticalLayout {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

    NotificationsView(NotificationService notifications) {
        var grid = new Grid<Notification>();
        grid.setId("notifications");
        grid.addComponentColumn(n -> entry(n, notifications, () -> grid.getDataProvider().refreshAll()))
                .setHeader("Notification").setFlexGrow(1);
        grid.addColumn(n -> WHEN.format(n.createdAt())).setHeader("When").setAutoWidth(true).setFlexGrow(0);
        grid.setItems(q -> notifications.mine(q.getOffset(), q.getLimit()).stream(), q -> notifications.countMine());
        var markAll = new Button("Mark all read", e -> {
            notifications.markAllRead();
            grid.getDataProvider().refreshAll();
        });
        add(markAll, grid);
        setSizeFull();
    }

    /** One notification: title (bold while unread), body, a link to what it is about, and "Mark read". */
    static Component entry(Notification n, NotificationService notifications, Runnable afterRead) {
        var title = new Span(n.title());
        title.getStyle().set("font-weight", n.unread() ? "bold" : "normal");
        var body = new Div();
        body.setText(n.body());
        body.getStyle().set("white-space", "pre-line").set("font-size", "var(--lumo-font-size-s)");
        var box = new Div(title, body);
        box.addClassName("notification");
        var open = new Button("Open", e -> {
            notifications.markRead(n.id());
            afterRead.run();
            e.getSource().getUI().ifPresent(ui -> ui.navigate(n.link()));
        });
        open.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE);
        box.add(open);
        if (n.unread()) {
            var read = new Button("Mark read", e -> {
                notifications.markRead(n.id());
                afterRead.run();
            });
            read.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE);
            read.addClassName("mark-read");
            box.add(read);
        }
        return box;
    }
}
