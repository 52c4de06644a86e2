package com.demarc.security;

import org.springframework.security.web.session.SessionInformationExpiredEvent;
import org.springframework.security.web.session.SessionInformationExpiredStrategy;

import java.io.IOException;

/**
 * A session ended by an administrator (or by "sign out everywhere") is noticed by Spring Security's
 * {@code ConcurrentSessionFilter}. A redirect to the login page is right for a page load, but Vaadin's own requests
 * (a click is a UIDL POST) followed it and showed "Invalid JSON response from server: &lt;!doctype html&gt;…" (issue
 * 19). Those get the answer Vaadin's client understands instead: "session expired", upon which it reloads the page,
 * and the reload lands on the login page.
 */
final class VaadinExpiredSessionStrategy implements SessionInformationExpiredStrategy {
    static final String LOGIN = "/login?expired";

    @Override
    public void onExpiredSessionDetected(SessionInformationExpiredEvent event) throws IOException {
        answer(event.getRequest(), event.getResponse());
    }

    /** The answer to a request of a session that has just been ended (also for the absolute session timeout). */
    static void answer(jakarta.servlet.http.HttpServletRequest request, jakarta.servlet.http.HttpServletResponse response)
            throws IOException {
        String type = request.getParameter("v-r");
        if ("uidl".equals(type)) {
            response.setContentType("application/json;charset=UTF-8");
            // Vaadin's own answer for an expired session, in the wire format of this Vaadin version
            response.getWriter().write(com.vaadin.flow.server.VaadinService.createSessionExpiredJSON(false));
        } else if (type != null) {
            // heartbeats and other framework requests: 410 Gone is Vaadin's "session expired"
            response.sendError(jakarta.servlet.http.HttpServletResponse.SC_GONE);
        } else {
            response.sendRedirect(request.getContextPath() + LOGIN);
        }
    }
}
