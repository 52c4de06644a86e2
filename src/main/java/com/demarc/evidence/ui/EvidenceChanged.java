package com.demarc.evidence.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.ComponentEvent;

/** Fired by a piece of the evidence page when evidence was stored, reviewed or deleted: the page reloads its list. */
class EvidenceChanged extends ComponentEvent<Component> {
    EvidenceChanged(Component source) {
        super(source, false);
    }
}
