package com.demarc.shared.ui;

import com.demarc.shared.UserFacingException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessResourceException;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.NoSuchElementException;

/**
 * What went wrong, as a user sees it: the one classification behind the session error handler and the error views,
 * so a refusal, a missing item or a database outage reads the same wherever it happens.
 */
enum Failure {
    /** A refusal written for the user ({@link UserFacingException}, including a concurrent edit). */
    REFUSED_WITH_REASON(400, null),
    ACCESS_DENIED(403, "Your role or team does not allow this. If you need it for your work, ask an administrator "
            + "for the right role or team membership."),
    NOT_FOUND(404, "This item does not exist (any more) or belongs to a team you are not in. Go back and reload the "
            + "page."),
    DATABASE_UNREACHABLE(503, "The database is not reachable right now; try again in a moment."),
    UNEXPECTED(500, "Something went wrong on our side and nothing was changed by this step. Try again; if it happens "
            + "again, tell an administrator the time it happened.");

    final int status;
    final String message;

    Failure(int status, String message) {
        this.status = status;
        this.message = message;
    }

    /** The first cause in the chain that we recognise decides (frameworks wrap ours in their own exceptions). */
    static Failure of(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof UserFacingException) {
                return REFUSED_WITH_REASON;
            }
            if (t instanceof org.springframework.security.access.AccessDeniedException
                    || t instanceof com.vaadin.flow.router.AccessDeniedException) {
                return ACCESS_DENIED;
            }
            if (t instanceof NoSuchElementException || t instanceof com.vaadin.flow.router.NotFoundException) {
                return NOT_FOUND;
            }
            if (t instanceof DataAccessResourceFailureException || t instanceof TransientDataAccessResourceException
                    || t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException
                    || (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08"))) {
                return DATABASE_UNREACHABLE;
            }
        }
        return UNEXPECTED;
    }

    /** The user-facing exception in the chain, if any. */
    static UserFacingException reason(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof UserFacingException u) {
                return u;
            }
        }
        return null;
    }

    /** The refusal to show for this failure. */
    UserFacingException asNotice(Throwable thrown) {
        return this == REFUSED_WITH_REASON ? reason(thrown) : new UserFacingException(message);
    }
}
