package com.demarc.shared.ui;

import com.vaadin.flow.component.datepicker.DatePicker;

/**
 * One date format for pickers (issue 19): ISO 8601 (2026-12-31) is shown and typed, as in the tables; the day-first
 * forms people also type are accepted. A date that cannot be read is a field error that says how to type it.
 */
public final class Dates {
    public static final String BAD_INPUT = "Type the date as YYYY-MM-DD, for example 2026-12-31 (or pick it).";

    private Dates() {
    }

    /** Sets the picker to ISO dates and returns it. */
    public static DatePicker iso(DatePicker picker) {
        var i18n = new DatePicker.DatePickerI18n();
        i18n.setDateFormats("yyyy-MM-dd", "dd.MM.yyyy", "d.M.yyyy");
        i18n.setBadInputErrorMessage(BAD_INPUT);
        i18n.setFirstDayOfWeek(1);
        picker.setI18n(i18n);
        picker.setPlaceholder("YYYY-MM-DD");
        return picker;
    }
}
