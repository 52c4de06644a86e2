package com.demarc.shared.ui;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.AccessDeniedException;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.ErrorParameter;
import com.vaadin.flow.router.HasErrorParameter;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.ParentLayout;
import jakarta.annotation.security.PermitAll;
import jakarta.servlet.http.HttpServletResponse;

/** Shown to a signed-in user who opens a page their role does not allow. */
@PermitAll
@PageTitle("Access denied")
@ParentLayout(MainLayout.class)
public class AccessDeniedView extends VerticalLayout implements HasErrorParameter<AccessDeniedException> {

    private final transient org.springframework.context.ApplicationEventPublisher events;

    public AccessDeniedView(org.springframework.context.ApplicationEventPublisher events) {
        this.events = events;
        setId("access-denied");
        add(new H2("Access denied"),
                new Paragraph("Your role does not allow you to open this page. If you need it for your work, "
                        + "ask an administrator for the right role or team membership."),
                new Anchor("", "Back to your start page"));
    }

    @Override
    public int setErrorParameter(BeforeEnterEvent event, ErrorParameter<AccessDeniedException> parameter) {
        events.publishEvent(new com.demarc.shared.AccessDenied(com.demarc.shared.Actors.currentUsername(),
                "page /" + event.getLocation().getPath()));
        return HttpServletResponse.SC_FORBIDDEN;
    }
}
