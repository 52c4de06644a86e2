package com.demarc.shared.ui;

import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * One date format for pickers and tables (issue 19): ISO 8601 (2026-12-31) is shown and typed, as in the tables; the day-first
 * forms people also type are accepted. A date that cannot be read is a field error that says how to type it.
 */
public final class Dates {
    public static final String BAD_INPUT = "Type the date as YYYY-MM-DD, for example 2026-12-31 (or pick it).";

    /** A moment as tables and sessions show it: ISO date, minutes, the zone named (2026-12-02 06:10 UTC). */
    public static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private Dates() {
    }

    /** {@link #WHEN} for a moment, or "" for none. */
    public static String when(@Nullable Instant instant) {
        return instant == null ? "" : WHEN.format(instant);
    }

    /** The date half of a date-time picker in ISO, like {@link #iso(DatePicker)}. */
    public static DateTimePicker iso(DateTimePicker picker) {
        picker.setDatePickerI18n(iso(new DatePicker()).getI18n());
        picker.setDatePlaceholder("YYYY-MM-DD");
        return picker;
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
