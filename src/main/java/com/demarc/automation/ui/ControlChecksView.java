package com.demarc.automation.ui;

import com.demarc.automation.AutomationService;
import com.demarc.automation.CheckResult;
import com.demarc.automation.CheckStatus;
import com.demarc.project.ProjectControl;
import com.demarc.project.ProjectControlId;
import com.demarc.project.ProjectService;
import com.demarc.shared.ui.Badge;
import com.demarc.shared.ui.Downloads;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEvent;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.HasUrlParameter;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;
import org.springframework.security.access.AccessDeniedException;

/** One project control's automated checks: status, resources, last seen, link to the raw evidence. */
@Route("control-checks")
@PermitAll
class ControlChecksView extends VerticalLayout implements HasUrlParameter<Long>, HasDynamicTitle {
    private final AutomationService automation;
    private final ProjectService projects;
    private String title = "Checks";

    ControlChecksView(AutomationService automation, ProjectService projects) {
        this.automation = automation;
        this.projects = projects;
        setWidthFull();
    }

    @Override
    public void setParameter(BeforeEvent event, Long id) {
        removeAll();
        ProjectControl control;
        java.util.List<CheckResult> checks;
        try {
            control = projects.control(new ProjectControlId(id));
            checks = automation.checksOf(control.id());
        } catch (AccessDeniedException | java.util.NoSuchElementException e) {
            add(new H2("Control not available"), new Paragraph("This control does not exist or belongs to a project of "
                    + "another team."), new Anchor("projects", "Back to projects"));
            return;
        }
        title = control.data().code() + " checks";
        var heading = new H2(control.data().projectName() + " · " + control.data().code() + " · " + control.data().title());
        heading.setId("control-checks-title");
        add(new Anchor("checks/" + control.data().projectId().value(), "← All check results of " + control.data().projectName()),
                heading);
        if (checks.isEmpty()) {
            var none = new Paragraph("No imported check evidences this control yet. Import Security Hub or AWS Config "
                    + "results on the project's check results page.");
            none.setId("no-checks");
            add(none);
            return;
        }
        var failing = checks.stream().anyMatch(c -> c.status() == CheckStatus.FAILED && !c.suppressed());
        var verdict = new Paragraph(failing ? "Failing check: this control is not covered until a later import passes."
                : checks.stream().allMatch(c -> c.suppressed() || (c.status() == CheckStatus.PASSED && c.fresh()))
                ? "All mapped checks passed recently: automated evidence covers this control (once owned and implemented)."
                : "Some checks are not passing or are stale: they do not count as evidence.");
        verdict.setId("control-checks-verdict");
        var grid = new Grid<CheckResult>();
        grid.setId("control-checks");
        grid.addColumn(CheckResult::checkId).setHeader("Check").setAutoWidth(true);
        grid.addColumn(r -> r.source().label()).setHeader("Source").setAutoWidth(true);
        grid.addColumn(Badge.text(r -> r.suppressed() ? "Suppressed" : r.status().label(),
                r -> r.suppressed() ? "status-not-applicable" : r.status() == CheckStatus.FAILED ? "status-not-started"
                        : r.status() == CheckStatus.PASSED ? "status-implemented" : "status-not-applicable",
                r -> r.suppressed() ? "until " + r.suppressedUntil() + ": " + r.suppressedBecause() : ""))
                .setHeader("Status").setAutoWidth(true);
        grid.addColumn(r -> r.resourcesFailing() + " of " + r.resourcesChecked() + " failing").setHeader("Resources").setAutoWidth(true);
        grid.addColumn(r -> String.join(", ", r.failingResources())).setHeader("Failing resources").setFlexGrow(3);
        grid.addColumn(r -> ChecksView.WHEN.format(r.lastObserved()) + (r.fresh() ? "" : " (stale)")).setHeader("Last seen").setAutoWidth(true);
        grid.addComponentColumn(r -> Downloads.fileLink("files/check-results/" + r.importId(), "raw evidence"))
                .setHeader("Evidence").setAutoWidth(true);
        grid.setItems(checks);
        grid.setAllRowsVisible(true);
        add(verdict, grid);
    }

    @Override
    public String getPageTitle() {
        return title;
    }
}
