package com.demarc.shared.ui;

import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.Shortcuts;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.function.SerializableConsumer;

/**
 * Rows that open something: a click and Enter on the focused row do the same (issue 19, keyboard users). The grid's
 * cell focus tells which row has the keyboard; Enter is listened for on the grid only.
 */
public final class GridRows {
    private GridRows() {
    }

    /** Opens {@code open} for the row a user clicks, or the focused row when they press Enter. */
    public static <T> void open(Grid<T> grid, SerializableConsumer<T> open) {
        grid.addItemClickListener(e -> open.accept(e.getItem()));
        var focused = new java.util.concurrent.atomic.AtomicReference<T>();
        grid.addCellFocusListener(e -> focused.set(e.getItem().orElse(null)));
        Shortcuts.addShortcutListener(grid, () -> {
            T item = focused.get();
            if (item != null) {
                open.accept(item);
            }
        }, Key.ENTER).listenOn(grid);
    }
}
