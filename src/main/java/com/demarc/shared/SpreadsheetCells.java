package com.demarc.shared;

import org.jspecify.annotations.Nullable;

/**
 * Makes text safe for a CSV or XLSX cell (OWASP "CSV injection"): a value that starts with {@code =}, {@code +},
 * {@code -}, {@code @}, a tab, a carriage return or a NUL (ASVS 5.0 1.2.10) would be run as a formula by a spreadsheet (e.g.
 * {@code =HYPERLINK(...)}), so it gets a leading {@code '} and is shown as the text it is. Every CSV/XLSX writer
 * passes its text cells through here; numbers stay numbers.
 */
public final class SpreadsheetCells {
    private SpreadsheetCells() {
    }

    /** The text, prefixed with {@code '} when a spreadsheet would take it for a formula; null stays null. */
    public static @Nullable String text(@Nullable String value) {
        if (value == null || value.isEmpty()) {
            return value;
        }
        return switch (value.charAt(0)) {
            // the full-width forms too: some spreadsheet locales read them as the ASCII ones
            case '=', '+', '-', '@', '\t', '\r', '\0', '\uFF1D', '\uFF0B', '\uFF0D', '\uFF20' -> "'" + value;
            default -> value;
        };
    }

    /** Undoes {@link #text(String)} for a value read back from a file Demarc wrote (e.g. a re-imported CSV). */
    public static @Nullable String untext(@Nullable String value) {
        if (value != null && value.length() > 1 && value.charAt(0) == '\'' && !text(value.substring(1)).equals(value.substring(1))) {
            return value.substring(1);
        }
        return value;
    }

    /** A cell value: numbers (and null) unchanged, anything else as neutralised text. */
    public static @Nullable Object cell(@Nullable Object value) {
        return value == null || value instanceof Number ? value : text(value.toString());
    }

    /** A row of cell values, each through {@link #cell(Object)}. */
    public static @Nullable Object[] row(@Nullable Object... values) {
        @Nullable Object[] out = new Object[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = cell(values[i]);
        }
        return out;
    }
}
