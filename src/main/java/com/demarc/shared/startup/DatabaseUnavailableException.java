package com.demarc.shared.startup;

import java.sql.SQLException;

/** The configured PostgreSQL could not be reached at start-up. */
public class DatabaseUnavailableException extends RuntimeException {
    private final String url;
    private final String migrationUser;

    DatabaseUnavailableException(String url, SQLException cause) {
        this(url, null, cause);
    }

    /** {@code migrationUser}: the migration (owner) role whose login failed, or null for the app's own login. */
    DatabaseUnavailableException(String url, String migrationUser, SQLException cause) {
        super("Cannot reach PostgreSQL at " + url + (migrationUser == null ? "" : " as " + migrationUser) + ": "
                + cause.getMessage(), cause);
        this.url = url;
        this.migrationUser = migrationUser;
    }

    /** The migration role whose login failed (the app's own login worked), or null. */
    public String migrationUser() {
        return migrationUser;
    }

    public String url() {
        return url;
    }

    public String reason() {
        var cause = (SQLException) getCause();
        String state = cause.getSQLState() == null ? "" : cause.getSQLState();
        if (state.startsWith("28")) {
            return "the user name or password was refused";
        }
        if ("3D000".equals(state)) {
            return "the database does not exist";
        }
        return "nothing answered there";
    }
}
