package com.demarc.notification.ui;

import com.demarc.notification.Notification;
import com.demarc.notification.NotificationService;
import com.demarc.shared.ui.NavbarItem;
import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.AfterNavigationEvent;
import com.vaadin.flow.router.AfterNavigationObserver;

/** The bell in the navigation bar: the unread count, and on click the latest notifications with "mark read". */
@org.springframework.stereotype.Component
class NotificationBell implements NavbarItem {
    private final NotificationService notifications;

    NotificationBell(NotificationService notifications) {
        this.notifications = notifications;
    }

    @Override
    public Component create() {
        return new Bell(notifications);
    }

    static final class Bell extends Composite<Div> implements AfterNavigationObserver {
        private static final int LATEST = 10;
        private final NotificationService notifications;
        private final Button button = new Button(VaadinIcon.BELL.create());
        private final Span count = new Span();

        Bell(NotificationService notifications) {
            this.notifications = notifications;
            button.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
            button.setId("notification-bell");
            button.setAriaLabel("Notifications");
            count.setId("notification-count");
            count.getElement().getThemeList().add("badge error small pill");
            button.setSuffixComponent(count);
            button.addClickListener(e -> open());
            getContent().add(button);
            getContent().getStyle().set("margin-inline-end", "var(--lumo-space-m)");
        }

        @Override
        protected void onAttach(AttachEvent attachEvent) {
            refresh();
        }

        @Override
        public void afterNavigation(AfterNavigationEvent event) {
            refresh();
        }

        void refresh() {
            int unread = notifications.unreadCount();
            count.setText(unread > 99 ? "99+" : String.valueOf(unread));
            count.setVisible(unread > 0);
            button.setTooltipText(unread == 0 ? "No unread notifications" : unread + " unread notification(s)");
        }

        private void open() {
            var dialog = new Dialog();
            dialog.setHeaderTitle("Notifications");
            dialog.setId("notification-dialog");
            dialog.setWidth("32rem");
            var list = new VerticalLayout();
            list.setPadding(false);
            var latest = notifications.mine(0, LATEST);
            if (latest.isEmpty()) {
                list.add(new Span("Nothing yet: you are told here when you are assigned, or a control you hold a "
                        + "letter on changes."));
            }
            for (Notification n : latest) {
                list.add(NotificationsView.entry(n, notifications, () -> {
                    dialog.close();
                    refresh();
                }));
            }
            var markAll = new Button("Mark all read", e -> {
                notifications.markAllRead();
                dialog.close();
                refresh();
            });
            markAll.setId("notification-mark-all");
            var all = new Button("See all", e -> {
                dialog.close();
                getUI().ifPresent(ui -> ui.navigate(NotificationsView.class));
            });
            all.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            dialog.add(list);
            dialog.getFooter().add(new HorizontalLayout(markAll, all));
            dialog.open();
        }
    }
}
