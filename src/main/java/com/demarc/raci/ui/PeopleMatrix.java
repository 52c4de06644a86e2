package com.demarc.raci.ui;

import com.demarc.project.ProjectService;
import com.demarc.raci.Assignee;
import com.demarc.raci.MatrixQuery;
import com.demarc.raci.MatrixRow;
import com.demarc.raci.RaciEntry;
import com.demarc.raci.RaciRole;
import com.demarc.raci.RaciService;
import com.demarc.shared.UserFacingException;
import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.Shortcuts;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.data.provider.CallbackDataProvider;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import org.jspecify.annotations.Nullable;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The RACI as a matrix: controls down, people and teams across, the letter in the cell. A click or Enter cycles the
 * letter (empty → R → A → C → I → empty), R/A/C/I set it, Delete clears it; each is one {@link RaciService#setRaci}
 * call with the row's version. Rows load lazily; the one-Accountable rule is shown per row in words.
 */
class PeopleMatrix extends Composite<Grid<MatrixRow>> {
    private static final List<RaciRole> CYCLE = List.of(RaciRole.R, RaciRole.A, RaciRole.C, RaciRole.I);
    private final RaciService raci;
    private final ProjectService projects;
    private final Map<Grid.Column<MatrixRow>, Assignee> columns = new HashMap<>();
    /** The focused cell's row as the grid last sent it: looked up again at each key press, never kept stale. */
    private @Nullable MatrixRow focusedRow;
    private Grid.@Nullable Column<MatrixRow> focusedColumn;

    PeopleMatrix(RaciService raci, ProjectService projects, List<Assignee> across, Supplier<MatrixQuery> query, boolean editable) {
        this.raci = raci;
        this.projects = projects;
        var grid = getContent();
        grid.setId("people-matrix");
        grid.addThemeVariants(GridVariant.LUMO_COLUMN_BORDERS, GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.addColumn(r -> r.control().data().code()).setHeader("Code").setKey("code").setAutoWidth(true)
                .setFlexGrow(0).setFrozen(true).setResizable(true);
        grid.addColumn(r -> r.control().data().title()).setHeader("Control").setKey("title").setWidth("18rem")
                .setFlexGrow(1).setResizable(true).setTooltipGenerator(r -> r.control().data().code() + " — "
                        + r.control().data().title());
        for (Assignee who : across) {
            var column = grid.addColumn(new ComponentRenderer<>(r -> cell(r, who)))
                    .setHeader(who.label()).setKey(key(who)).setWidth("7.5rem").setFlexGrow(0).setResizable(true)
                    .setTextAlign(ColumnTextAlign.CENTER)
                    .setTooltipGenerator(r -> who.label() + " on " + r.control().data().code() + ": "
                            + letterOf(r, who).map(RaciRole::label).orElse("no letter"));
            columns.put(column, who);
        }
        grid.addColumn(new ComponentRenderer<>(PeopleMatrix::rule)).setHeader("One Accountable, ≥1 Responsible")
                .setKey("rule").setAutoWidth(true).setFlexGrow(0).setResizable(true);
        // The identity goes into the data provider itself: Vaadin's lazy data view does not hand
        // setIdentifierProvider on to the grid's key mapper (only the in-memory list view does), so refreshItem with a
        // new record (not equal to the shown one) found no row, and the letter was saved but never re-rendered.
        grid.setItems(new CallbackDataProvider<MatrixRow, Void>(
                q -> raci.matrix(query.get(), q.getOffset(), q.getLimit()).stream(),
                q -> raci.countMatrix(query.get()), r -> r.control().id()));
        grid.setSizeFull();
        if (editable) {
            grid.addCellFocusListener(e -> {
                focusedRow = e.getItem().orElse(null);
                focusedColumn = e.getColumn().orElse(null);
            });
            grid.addItemClickListener(e -> {
                var who = e.getColumn() == null ? null : columns.get(e.getColumn());
                if (who != null) {
                    var row = current(e.getItem());
                    set(row, who, next(row, who));
                }
            });
            for (RaciRole role : RaciRole.values()) {
                var key = switch (role) {
                    case R -> Key.KEY_R;
                    case A -> Key.KEY_A;
                    case C -> Key.KEY_C;
                    case I -> Key.KEY_I;
                };
                Shortcuts.addShortcutListener(grid, () -> onFocused((row, who) -> set(row, who, role)), key).listenOn(grid);
            }
            Shortcuts.addShortcutListener(grid, () -> onFocused((row, who) -> set(row, who, null)), Key.DELETE).listenOn(grid);
            Shortcuts.addShortcutListener(grid, () -> onFocused((row, who) -> set(row, who, null)), Key.BACKSPACE).listenOn(grid);
            Shortcuts.addShortcutListener(grid, () -> onFocused((row, who) -> set(row, who, next(row, who))), Key.ENTER)
                    .listenOn(grid);
        }
    }

    void refresh() {
        getContent().getDataProvider().refreshAll();
    }

    private void onFocused(java.util.function.BiConsumer<MatrixRow, Assignee> action) {
        var who = focusedColumn == null ? null : columns.get(focusedColumn);
        if (focusedRow != null && who != null) {
            action.accept(current(focusedRow), who);
        }
    }

    /** The grid's current version of this row (by control id): the one on screen since the last refresh. */
    private MatrixRow current(MatrixRow row) {
        var keys = getContent().getDataCommunicator().getKeyMapper();
        if (!keys.has(row)) {
            return row;
        }
        var shown = keys.get(keys.key(row));
        return shown == null ? row : shown;
    }

    /** The letter after this holder's current one; a team skips A (Accountable is a person). */
    private static @Nullable RaciRole next(MatrixRow row, Assignee who) {
        var order = new ArrayList<RaciRole>();
        order.add(null);
        CYCLE.stream().filter(r -> who.isPerson() || r != RaciRole.A).forEach(order::add);
        int at = order.indexOf(letterOf(row, who).orElse(null));
        return order.get((at + 1) % order.size());
    }

    /**
     * One user action, one service call: this holder gets {@code role} (or nothing). Setting A for someone moves the
     * Accountable from whoever held it. The row is reloaded afterwards, also when the service refused the change.
     */
    private void set(MatrixRow row, Assignee who, @Nullable RaciRole role) {
        if (!row.control().needsRaci()) {
            throw new UserFacingException("AWS owns " + row.control().data().code() + " for this project (or it does not "
                    + "apply): it needs no RACI.");
        }
        if (role == RaciRole.A && !who.isPerson()) {
            throw new UserFacingException("A team cannot be Accountable: make one person Accountable, and the team "
                    + "Responsible, Consulted or Informed.");
        }
        var entries = new ArrayList<RaciEntry>();
        for (RaciEntry e : row.raci().entries()) {
            boolean same = e.assignee().sameAs(who);
            boolean replacedA = role == RaciRole.A && e.role() == RaciRole.A;
            if (!same && !replacedA) {
                entries.add(e);
            }
        }
        if (role != null) {
            entries.add(new RaciEntry(role, who));
        }
        try {
            raci.setRaci(row.control().id(), row.control().version(), entries);
        } finally {
            var id = row.control().id();
            // the data provider knows rows by control id, so the new record replaces the shown one and its cells are re-rendered
            getContent().getLazyDataView().refreshItem(new MatrixRow(projects.control(id), raci.raci(id), row.evidence()));
        }
    }

    private static java.util.Optional<RaciRole> letterOf(MatrixRow row, Assignee who) {
        return row.raci().entries().stream().filter(e -> e.assignee().sameAs(who)).map(RaciEntry::role).findFirst();
    }

    private static Span cell(MatrixRow row, Assignee who) {
        if (!row.control().needsRaci()) {
            var dash = new Span("—");
            dash.getElement().setAttribute("title", "AWS-owned or not applicable: no RACI");
            return dash;
        }
        var letter = letterOf(row, who);
        var span = new Span(letter.map(RaciRole::name).orElse(""));
        span.addClassName("raci-letter");
        span.getElement().setAttribute("data-letter", letter.map(RaciRole::name).orElse(""));
        span.getElement().setAttribute("data-code", row.control().data().code());
        span.getElement().setAttribute("data-who", key(who));
        // an empty cell is still a target for the mouse
        span.getStyle().set("display", "inline-block").set("min-width", "2.5em").set("min-height", "1.5em");
        letter.ifPresent(l -> span.getElement().getThemeList().add("badge" + (l == RaciRole.A ? " primary" : "")));
        return span;
    }

    /** The one-A rule in words: 0 or 2+ Accountable, or no Responsible, marks the row. */
    private static Span rule(MatrixRow row) {
        if (!row.control().needsRaci()) {
            return new Span("AWS-owned");
        }
        long accountable = row.raci().entries().stream().filter(e -> e.role() == RaciRole.A).count();
        var words = new ArrayList<String>();
        if (accountable == 0) {
            words.add("No Accountable");
        } else if (accountable > 1) {
            words.add(accountable + " Accountable: keep one");
        }
        if (row.raci().holders(RaciRole.R).isEmpty()) {
            words.add("No Responsible");
        }
        var span = new Span(words.isEmpty() ? "Owned" : String.join(" · ", words));
        span.addClassName("raci-rule");
        span.getElement().setAttribute("data-code", row.control().data().code());
        span.getElement().getThemeList().add(words.isEmpty() ? "badge success" : "badge error");
        return span;
    }

    static String key(Assignee who) {
        return who.isPerson() ? "u" + who.user().value() : "t" + who.team().value();
    }
}
