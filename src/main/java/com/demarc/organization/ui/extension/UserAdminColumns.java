package com.demarc.organization.ui.extension;

import com.demarc.organization.UserAccount;

import com.vaadin.flow.component.grid.Grid;

import java.util.List;
import java.util.function.Consumer;

/**
 * Columns and actions another module adds to the users page (security adds the MFA state and "Reset two-step
 * sign-in"), so that organization needs no dependency on it. One call per page instance.
 */
public interface UserAdminColumns {
    /**
     * Adds the columns to the grid; returns what to call with each page of users before the grid shows it (to read
     * their state in one query). {@code refresh} reloads the grid after an action.
     */
    Consumer<List<UserAccount>> addTo(Grid<UserAccount> grid, Runnable refresh);
}
