package com.demarc.evidence.ui;

import com.demarc.shared.ui.Dates;
import com.vaadin.flow.component.datepicker.DatePicker;
import org.jspecify.annotations.Nullable;

import java.time.LocalDate;

/**
 * A date picker whose value and typed text are kept for an upload handler, which runs outside the UI thread: text that
 * could not be read as a date makes {@link #unreadable()} true (issue 19: "2026-13-45" was silently dropped and the
 * file stored without validity). Two signals, either suffices: the picker's own bad-input status, and the text of the
 * input read on every change/blur (the status alone was not seen reliably in headless Chromium).
 */
final class ReadableDate {
    private final DatePicker picker;
    private volatile @Nullable LocalDate value;
    private volatile boolean badInput;
    private volatile String text = "";

    ReadableDate(String label) {
        picker = Dates.iso(new DatePicker(label));
        picker.addValueChangeListener(e -> {
            value = e.getValue();
            if (e.getValue() != null) {
                badInput = false;
            }
            mark();
        });
        picker.addValidationStatusChangeListener(e -> {
            badInput = !e.getNewStatus();
            mark();
        });
        for (String event : new String[]{"change", "focusout"}) {
            picker.getElement().addEventListener(event, e -> {
                var typed = e.getEventData().get("element.inputElement.value");
                text = typed == null || typed.isNull() ? "" : typed.asString("");
                mark();
            }).addEventData("element.inputElement.value");
        }
    }

    DatePicker picker() {
        return picker;
    }

    @Nullable LocalDate value() {
        return value;
    }

    /** Text typed that is not a date (an empty field is fine: no validity). */
    boolean unreadable() {
        return badInput || (value == null && !text.isBlank());
    }

    private void mark() {
        boolean bad = unreadable();
        picker.setErrorMessage(bad ? Dates.BAD_INPUT : null);
        picker.setInvalid(bad);
    }
}
