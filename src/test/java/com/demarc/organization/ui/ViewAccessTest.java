package com.demarc.organization.ui;

import com.demarc.security.ui.LoginView;
import com.demarc.shared.ui.AccessDeniedView;
import com.demarc.support.DemarcTest;
import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.browserless.ViewPackages;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.sidenav.SideNavItem;
import org.junit.jupiter.api.Test;
import org.springframework.security.test.context.support.WithAnonymousUser;
import org.springframework.security.test.context.support.WithUserDetails;

import static org.assertj.core.api.Assertions.assertThat;

/** Which role may open which admin view, checked through Vaadin's navigation access control. */
@DemarcTest
@ViewPackages(packages = "com.demarc")
class ViewAccessTest extends SpringBrowserlessTest {

    @Test
    @WithUserDetails("admin")
    void adminOpensUsersAndTeams() {
        var users = navigate(UsersView.class);
        assertThat($(Grid.class, users).single()).isNotNull();
        navigate(TeamsView.class);
        assertThat(menuTitles()).contains("My responsibilities", "Users", "Teams");
    }

    @Test
    @WithUserDetails("bob")
    void memberTypingTheAdminUrlSeesAccessDenied() {
        navigate("admin/users", AccessDeniedView.class);
        assertThat($(H2.class).first().getText()).isEqualTo("Access denied");
        assertThat(menuTitles()).contains("My responsibilities").doesNotContain("Users", "Teams");
    }

    @Test
    @WithUserDetails("manager")
    void managerCannotOpenUserAdministration() {
        navigate("admin/teams", AccessDeniedView.class);
    }

    @Test
    @WithUserDetails("auditor")
    void auditorCannotOpenUserAdministration() {
        navigate("admin/users", AccessDeniedView.class);
    }

    @Test
    @WithUserDetails("alice")
    void homeGreetsTheUserWithTheirTeam() {
        var home = navigate(HomeView.class);
        assertThat($(H2.class, home).first().getText()).isEqualTo("Welcome, Alice Anders");
    }

    @Test
    @WithAnonymousUser
    void anonymousVisitorsAreSentToLogin() {
        navigate("admin/users", LoginView.class);
    }

    private java.util.List<String> menuTitles() {
        return $(SideNavItem.class).all().stream().map(SideNavItem::getLabel).toList();
    }
}
