package com.demarc.shared.ui;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.ErrorParameter;
import com.vaadin.flow.router.HasErrorParameter;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.ParentLayout;
import jakarta.annotation.security.PermitAll;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shown instead of Vaadin's exception page when opening a page fails: access denied (a service refused the role or
 * team), not found, database not reachable, or an unexpected error — one sentence of what to do, never a stack trace.
 */
@PermitAll
@PageTitle("Demarc")
@ParentLayout(MainLayout.class)
public class ErrorView extends VerticalLayout implements HasErrorParameter<Exception> {
    private static final Logger log = LoggerFactory.getLogger(ErrorView.class);

    public ErrorView() {
        setId("error-view");
    }

    @Override
    public int setErrorParameter(BeforeEnterEvent event, ErrorParameter<Exception> parameter) {
        var thrown = parameter.getCaughtException();
        var failure = Failure.of(thrown);
        if (failure == Failure.UNEXPECTED) {
            log.error("Opening /{} failed", event.getLocation().getPath(), thrown);
        } else {
            log.info("Opening /{}: {}", event.getLocation().getPath(), thrown.toString());
        }
        removeAll();
        add(new H2(switch (failure) {
            case ACCESS_DENIED -> "Access denied";
            case NOT_FOUND -> "Not found";
            case DATABASE_UNREACHABLE -> "Database not reachable";
            case REFUSED_WITH_REASON -> "Cannot open this page";
            case UNEXPECTED -> "Something went wrong";
        }), new Paragraph(failure.asNotice(thrown).getMessage()), new Anchor("", "Back to your start page"));
        return failure.status;
    }
}
