package com.demarc.shared.ui;

import com.demarc.shared.DemarcUser;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.avatar.Avatar;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.Icon;
import com.vaadin.flow.component.menubar.MenuBar;
import com.vaadin.flow.component.menubar.MenuBarVariant;
import com.vaadin.flow.component.orderedlayout.Scroller;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.router.AfterNavigationEvent;
import com.vaadin.flow.router.AfterNavigationObserver;
import com.vaadin.flow.router.Layout;
import com.vaadin.flow.server.menu.MenuConfiguration;
import com.vaadin.flow.server.menu.MenuEntry;
import com.vaadin.flow.spring.security.AuthenticationContext;
import jakarta.annotation.security.PermitAll;

/** The frame of every signed-in page: side navigation limited to what the user may open, and the user menu. */
@Layout
@PermitAll
public final class MainLayout extends AppLayout implements AfterNavigationObserver {

    private final H1 viewTitle = new H1();

    MainLayout(AuthenticationContext authenticationContext,
               org.springframework.beans.factory.ObjectProvider<NavbarItem> navbarItems,
               org.springframework.beans.factory.ObjectProvider<UserMenuItem> userMenuItems,
               org.springframework.beans.factory.ObjectProvider<ThemePreference> themePreference) {
        setPrimarySection(Section.DRAWER);
        viewTitle.addClassName("view-title");
        var toggle = new DrawerToggle();
        toggle.setAriaLabel("Show or hide the navigation");
        addToNavbar(SkipLink.create(), toggle, viewTitle);
        var spacer = new Div();
        spacer.getStyle().set("flex-grow", "1");
        addToNavbar(spacer);
        navbarItems.orderedStream().forEach(item -> addToNavbar(item.create()));

        var brand = new Div(new Span("Demarc"));
        brand.addClassName("brand");
        var tagline = new Span("AWS shared responsibility, owned and evidenced");
        tagline.addClassName("brand-tagline");
        brand.add(tagline);

        var nav = new SideNav();
        nav.setId("main-nav");
        MenuConfiguration.getMenuEntries().stream()
                .filter(entry -> MenuPermissions.of(entry.path()).map(authenticationContext::hasAuthority).orElse(true))
                .forEach(entry -> nav.addItem(navItem(entry)));

        var theme = themePreference.getIfAvailable();
        if (theme != null) {
            DarkMode.apply(theme.dark());
        }
        addToDrawer(brand, new Scroller(nav), userMenu(authenticationContext, userMenuItems.orderedStream().toList(), theme));
        main.setId(SkipLink.TARGET);
        // focusable by script only: the skip link moves the keyboard focus here, Tab does not stop on it
        main.getElement().setAttribute("tabindex", "-1");
        main.addClassName("main-content");
        setContent(main);
    }

    private final com.vaadin.flow.component.html.Main main = new com.vaadin.flow.component.html.Main();
    private com.vaadin.flow.component.@org.jspecify.annotations.Nullable HasElement view;

    // The page sits inside one <main> landmark, the skip link's target; the view changes inside it.
    @Override
    public void showRouterLayoutContent(com.vaadin.flow.component.HasElement content) {
        main.removeAll();
        if (content != null) {
            main.add(content.getElement().getComponent().orElseThrow());
        }
        view = content;
        if (isOverlay()) {
            setDrawerOpened(false); // as AppLayout does after a navigation
        }
    }

    @Override
    public void removeRouterLayoutContent(com.vaadin.flow.component.@org.jspecify.annotations.Nullable HasElement old) {
        main.removeAll();
        view = null;
    }

    private static SideNavItem navItem(MenuEntry entry) {
        var item = new SideNavItem(entry.title(), entry.path());
        if (entry.icon() != null) {
            item.setPrefixComponent(new Icon(entry.icon()));
        }
        return item;
    }

    private static Component userMenu(AuthenticationContext authenticationContext, java.util.List<UserMenuItem> items,
                                      @org.jspecify.annotations.Nullable ThemePreference theme) {
        var user = authenticationContext.getAuthenticatedUser(DemarcUser.class).orElseThrow();
        var avatar = new Avatar(user.displayName());
        avatar.addThemeVariants(com.vaadin.flow.component.avatar.AvatarVariant.LUMO_XSMALL);

        var menu = new MenuBar();
        menu.setId("user-menu");
        menu.addThemeVariants(MenuBarVariant.LUMO_TERTIARY_INLINE);
        var root = menu.addItem(new Div(avatar, new Span(user.displayName())));
        var roleItem = root.getSubMenu().addItem(user.roleLabels());
        roleItem.setEnabled(false);
        for (var item : items) {
            root.getSubMenu().addItem(item.label(), e -> e.getSource().getUI().ifPresent(ui -> ui.navigate(item.route())))
                    .setId("user-menu-" + item.route().replace('/', '-'));
        }
        if (theme != null) {
            DarkMode.addTo(root.getSubMenu(), theme);
        }
        root.getSubMenu().addItem("Log out", e -> authenticationContext.logout()).setId("logout");

        var box = new Div(menu);
        box.addClassName("user-menu");
        return box;
    }

    @Override
    public void afterNavigation(AfterNavigationEvent event) {
        viewTitle.setText(view instanceof Component c ? MenuConfiguration.getPageHeader(c).orElse("Demarc") : "Demarc");
    }
}
