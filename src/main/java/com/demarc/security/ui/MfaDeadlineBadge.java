package com.demarc.security.ui;

import com.demarc.security.MfaService;
import com.demarc.shared.ui.NavbarItem;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.router.RouterLink;

import java.time.format.DateTimeFormatter;

/**
 * Within the grace period of {@code demarc.security.mfa.required-roles}, the navigation bar says by when the person
 * must set up two-step sign-in (a link to the page); after it, sign-in itself leads to the enrolment.
 */
@org.springframework.stereotype.Component
class MfaDeadlineBadge implements NavbarItem {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE.withZone(java.time.ZoneOffset.UTC);
    private final MfaService mfa;

    MfaDeadlineBadge(MfaService mfa) {
        this.mfa = mfa;
    }

    @Override
    public Component create() {
        var deadline = mfa.myDeadline();
        if (deadline.isEmpty()) {
            var none = new Span();
            none.setVisible(false);
            return none;
        }
        var link = new RouterLink("Set up two-step sign-in by " + DAY.format(deadline.get()), MfaView.class);
        link.setId("mfa-deadline");
        link.getElement().getThemeList().add("badge error");
        link.getStyle().set("margin-inline-end", "var(--lumo-space-m)");
        return link;
    }
}
