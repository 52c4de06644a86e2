package com.demarc.shared.ui;

import com.vaadin.flow.component.Component;

/**
 * A piece another module adds to the main layout's navigation bar (the notification bell), so the shared layout
 * needs no dependency on that module. One new component per UI.
 */
public interface NavbarItem {
    Component create();
}
