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

    /**
     * A form that did not pass its checks: nothing was saved. Field errors stay on their fields (each says what to
     * correct) and the first of them gets the focus, no message covers the form; only a rule across fields, which no
     * single field can show, is reported as a message.
     */
    public static void invalid(com.vaadin.flow.data.binder.ValidationException e) {
        e.getFieldValidationErrors().stream().map(com.vaadin.flow.data.binder.BindingValidationStatus::getField)
                .filter(f -> f instanceof com.vaadin.flow.component.Focusable<?>).findFirst()
                .ifPresent(f -> ((com.vaadin.flow.component.Focusable<?>) f).focus());
        var problems = new java.util.ArrayList<String>();
        e.getBeanValidationErrors().forEach(r -> problems.add(r.getErrorMessage()));
        if (!problems.isEmpty()) {
            error(new UserFacingException("Nothing was saved: correct the form.", problems));
        }
    }

    /**
     * A field that must be filled before an action, checked by a Binder on the field itself: the returned check marks
     * the field with {@code message} when it is empty (and clears the mark when a value is chosen) and says whether to go on.
     */
    public static <V> java.util.function.BooleanSupplier required(com.vaadin.flow.component.HasValue<?, V> field, String message) {
        var binder = new com.vaadin.flow.data.binder.Binder<Object>();
        binder.forField(field).asRequired(message).bind(bean -> null, (bean, value) -> { });
        return () -> binder.validate().isOk();
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
