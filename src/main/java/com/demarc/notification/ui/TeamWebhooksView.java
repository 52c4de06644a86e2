package com.demarc.notification.ui;

import com.demarc.notification.TeamWebhooks;
import com.demarc.notification.TeamWebhooks.TeamHook;
import com.demarc.shared.ui.Notices;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;

/**
 * For admins and compliance managers: each team's chat webhook (Slack, Teams), its URL, paused or not, a signed test
 * message; a new URL's signing secret is shown once.
 */
@Route("admin/team-webhooks")
@PageTitle("Team chat webhooks")
@Menu(title = "Team chat webhooks", order = 97, icon = "vaadin:comments")
@RolesAllowed({"ADMIN", "MANAGER"})
class TeamWebhooksView extends VerticalLayout {
    private final TeamWebhooks webhooks;
    private final Grid<TeamHook> grid = new Grid<>();

    TeamWebhooksView(TeamWebhooks webhooks) {
        this.webhooks = webhooks;
        setSizeFull();
        grid.setId("team-webhooks-grid");
        grid.addColumn(TeamHook::teamName).setHeader("Team").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(h -> h.configured() ? h.url() : "—").setHeader("Webhook URL").setFlexGrow(1);
        grid.addComponentColumn(this::enabled).setHeader("Enabled").setAutoWidth(true).setFlexGrow(0);
        grid.addComponentColumn(this::actions).setHeader("").setAutoWidth(true).setFlexGrow(0);
        add(new Paragraph("RACI changes, status changes and evidence reviews of a team's projects are posted to its chat "
                + "webhook (Slack and Microsoft Teams incoming webhooks accept the JSON), each signed with the header "
                + "X-Demarc-Signature: sha256=<HMAC-SHA256 of the body, keyed with the team's secret>."), grid);
        refresh();
    }

    private Checkbox enabled(TeamHook hook) {
        var box = new Checkbox(hook.enabled());
        box.setEnabled(hook.configured());
        box.setAriaLabel("Enabled: " + hook.teamName());
        box.addValueChangeListener(e -> {
            if (!e.isFromClient()) {
                return;
            }
            try {
                webhooks.setEnabled(hook.team(), e.getValue());
                Notices.success(hook.teamName() + ": webhook " + (e.getValue() ? "resumed." : "paused (nothing is posted)."));
            } finally {
                refresh(); // a refusal is shown by the session's error handler; the box shows the stored state again
            }
        });
        return box;
    }

    private HorizontalLayout actions(TeamHook hook) {
        var set = new Button(hook.configured() ? "Change URL" : "Set URL", e -> WebhookDialogs.editUrl(hook, url -> {
            String secret = webhooks.set(hook.team(), url);
            refresh();
            WebhookDialogs.showSecret(hook.teamName(), secret);
        }));
        set.addThemeVariants(ButtonVariant.LUMO_SMALL);
        var test = new Button("Send test", e -> Notices.success(webhooks.sendTest(hook.team())));
        test.addThemeVariants(ButtonVariant.LUMO_SMALL);
        test.setEnabled(hook.configured());
        var remove = new Button("Remove", e -> {
            webhooks.remove(hook.team());
            Notices.success(hook.teamName() + ": webhook removed.");
            refresh();
        });
        remove.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
        remove.setEnabled(hook.configured());
        var row = new HorizontalLayout(set, test, remove);
        row.setSpacing(true);
        row.setId("webhook-actions-" + hook.team().value());
        return row;
    }

    private void refresh() {
        // one row per team: bounded by the organisation's teams
        grid.setItems(webhooks.list());
    }
}
