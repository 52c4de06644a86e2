package com.demarc.shared.ui;

import com.demarc.shared.ConcurrentEditException;
import com.demarc.shared.UserFacingException;
import com.demarc.support.DemarcTest;
import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.browserless.ViewPackages;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.server.ErrorEvent;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.test.context.support.WithUserDetails;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one error path: what a UI event throws becomes the usual notice and the page stays; opening a page that fails
 * shows Demarc's error page, never an exception.
 */
@DemarcTest
@ViewPackages(packages = "com.demarc")
class MainErrorHandlerTest extends SpringBrowserlessTest {
    @Autowired
    MainErrorHandler handler;

    @Test
    @WithUserDetails("manager")
    void aDatabaseOutageReadsAsAnOutage() {
        navigate("matrix", com.vaadin.flow.component.Component.class);
        var page = UI.getCurrent().getCurrentView();
        handler.error(new ErrorEvent(new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection",
                new SQLTransientConnectionException("HikariPool-1 - Connection is not available, request timed out after 30000ms."))));
        assertThat(lastNotice()).isEqualTo("The database is not reachable right now; try again in a moment.");
        handler.error(new ErrorEvent(new RuntimeException(new SQLException("Connection is closed", "08003"))));
        assertThat(lastNotice()).isEqualTo("The database is not reachable right now; try again in a moment.");
        assertThat(UI.getCurrent().getCurrentView()).isSameAs(page);
    }

    @Test
    @WithUserDetails("manager")
    void refusalsShowTheirReasonAndAccessDeniedSaysWhatToDo() {
        navigate("matrix", com.vaadin.flow.component.Component.class);
        handler.error(new ErrorEvent(new UserFacingException("Choose a status.")));
        assertThat(lastNotice()).isEqualTo("Choose a status.");
        handler.error(new ErrorEvent(new ConcurrentEditException("Control SRM-IAM-02", "alice", Instant.EPOCH)));
        assertThat(lastNotice()).contains("was changed by alice").contains("Your input is still here");
        handler.error(new ErrorEvent(new AuthorizationDeniedException("Access Denied", new AuthorizationDecision(false))));
        assertThat(lastNotice()).startsWith("Your role or team does not allow this.");
        handler.error(new ErrorEvent(new IllegalStateException("boom at com.demarc.Secret")));
        assertThat(lastNotice()).startsWith("Something went wrong on our side").doesNotContain("boom");
    }

    @Test
    @WithUserDetails("admin")
    void aPageWhoseServiceRefusesTheRoleShowsAccessDeniedNotAnException() {
        navigate("attestations", ErrorView.class);
        assertThat($(H2.class).first().getText()).isEqualTo("Access denied");
        assertThat($(ErrorView.class).single().getElement().getTextRecursively())
                .contains("Your role or team does not allow this").doesNotContain("Exception");
    }

    @Test
    @WithUserDetails("bob")
    void anAddressThatIsNoPageShowsDemarcsNotFoundPage() {
        navigate("no-such-page", NotFoundView.class);
        assertThat($(H2.class).first().getText()).isEqualTo("Not found");
    }

    private String lastNotice() {
        var notices = $(Notification.class).all();
        assertThat(notices).isNotEmpty();
        return notices.getLast().getElement().getTextRecursively().strip();
    }
}
