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

    /** A form's {@code writeRecord}. */
    @FunctionalInterface
    public interface RecordWriter<R> {
        R write() throws com.vaadin.flow.data.binder.ValidationException;
    }

    /** The form's record, or empty after showing what to correct (the marked fields keep the input). */
    public static <R> java.util.Optional<R> written(RecordWriter<R> form) {
        try {
            return java.util.Optional.of(form.write());
        } catch (com.vaadin.flow.data.binder.ValidationException e) {
            invalid(e);
            return java.util.Optional.empty();
        }
    }

    /** A form that did not pass its field checks: nothing was saved; the marked fields say what to correct. */
    public static void invalid(com.vaadin.flow.data.binder.ValidationException e) {
        var problems = new java.util.ArrayList<String>();
        e.getFieldValidationErrors().forEach(s -> s.getMessage().ifPresent(problems::add));
        e.getBeanValidationErrors().forEach(r -> problems.add(r.getErrorMessage()));
        error(new UserFacingException("Nothing was saved: correct the marked fields.", problems));
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
