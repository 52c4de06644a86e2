package com.demarc.shared.ui;

import com.demarc.shared.UserFacingException;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;

/** Success and error messages in one style across the app. */
public final class Notices {
    private Notices() {
    }

    public static void success(String message) {
        var n = Notification.show(message, 4000, Notification.Position.BOTTOM_END);
        n.addThemeVariants(NotificationVariant.LUMO_SUCCESS);
    }

    /** Shows the refusal and every problem it lists; the user's input stays in the form. */
    public static void error(UserFacingException e) {
        var box = new Div(new Span(e.getMessage()));
        if (!e.problems().isEmpty()) {
            var list = new UnorderedList();
            e.problems().forEach(p -> list.add(new ListItem(p)));
            box.add(list);
        }
        var n = new Notification(box);
        n.setDuration(10000);
        n.setPosition(Notification.Position.MIDDLE);
        n.addThemeVariants(NotificationVariant.LUMO_ERROR);
        box.addClickListener(ev -> n.close());
        n.open();
    }
}
