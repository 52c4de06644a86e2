package com.demarc.shared.startup;

import java.sql.SQLException;

/** The configured PostgreSQL could not be reached at start-up. */
public class DatabaseUnavailableException extends RuntimeException {
    private final String url;

    DatabaseUnavailableException(String url, SQLException cause) {
        super("Cannot reach PostgreSQL at " + url + ": " + cause.getMessage(), cause);
        this.url = url;
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
