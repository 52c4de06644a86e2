package com.demarc.shared.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.server.ErrorEvent;
import com.vaadin.flow.server.ErrorHandler;
import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one error path of every session: anything a click or other UI event throws ends here, becomes the usual notice
 * (a refusal with its reason, access denied, database not reachable, or "something went wrong") and the page stays as
 * it was, with the user's input. Navigation failures go to {@link ErrorView} instead. Views do not catch service
 * exceptions (ArchitectureTest).
 */
@org.springframework.stereotype.Component
class MainErrorHandler implements VaadinServiceInitListener, ErrorHandler {
    private static final Logger log = LoggerFactory.getLogger(MainErrorHandler.class);

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.getSource().addSessionInitListener(e -> e.getSession().setErrorHandler(this));
    }

    @Override
    public void error(ErrorEvent event) {
        var thrown = event.getThrowable();
        var failure = Failure.of(thrown);
        switch (failure) {
            case REFUSED_WITH_REASON, ACCESS_DENIED -> log.debug("Refused: {}", thrown.toString());
            case NOT_FOUND -> log.info("Not found: {}", thrown.toString());
            case DATABASE_UNREACHABLE -> log.warn("Database not reachable: {}", thrown.toString());
            case UNEXPECTED -> log.error("Unexpected error in a UI event", thrown);
        }
        var ui = event.getComponent().flatMap(Component::getUI).orElseGet(UI::getCurrent);
        if (ui == null) {
            return;
        }
        var notice = failure.asNotice(thrown);
        if (UI.getCurrent() == ui) {
            Notices.error(notice);
        } else {
            ui.access(() -> Notices.error(notice));
        }
    }
}
