package com.demarc.security.ui;

import com.demarc.security.SessionControl;
import com.demarc.shared.ui.Notices;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;

/** Administrators see who is signed in and can end a session at once. */
@Route("admin/sessions")
@PageTitle("Sessions")
@Menu(title = "Sessions", order = 93, icon = "vaadin:connect")
@RolesAllowed("ADMIN")
class SessionsView extends VerticalLayout {

    SessionsView(SessionControl sessions) {
        setSizeFull();
        var grid = new Grid<SessionControl.LiveSession>();
        grid.setId("sessions-grid");
        grid.addColumn(SessionControl.LiveSession::username).setHeader("User").setAutoWidth(true);
        grid.addColumn(SessionControl.LiveSession::displayName).setHeader("Name").setAutoWidth(true);
        grid.addColumn(s -> com.demarc.shared.ui.Dates.when(s.lastRequest().toInstant())).setHeader("Last request").setAutoWidth(true);
        grid.addComponentColumn(s -> {
            var end = new Button("End session", e -> com.demarc.shared.ui.Confirm.destructive("End the session of " + s.username() + "?",
                    "Their next click goes to the sign-in page; anything they have not saved is lost.", "End session", () -> {
                        sessions.endSession(s.sessionId());
                        Notices.success("Session of " + s.username() + " ended: their next click goes to the sign-in page.");
                        grid.setItems(sessions.sessions());
                    }));
            end.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
            return end;
        }).setHeader("Action");
        // live sessions: a bounded, in-memory list
        grid.setItems(sessions.sessions());
        add(new Paragraph("Disabling a user in Users also ends all their sessions."), grid);
    }
}
