package com.demarc.shared.ui;

import com.vaadin.flow.component.Component;

import java.util.Optional;

/**
 * Something another module asks the signed-in user to do, shown on the start page (My responsibilities, module
 * {@code raci}) above their list: a Spring bean in that module's {@code ui} package, so {@code raci} needs no
 * dependency on it. Empty when there is nothing to show.
 */
public interface StartPageSection {
    Optional<Component> section();
}
