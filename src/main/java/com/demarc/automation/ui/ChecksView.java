package com.demarc.automation.ui;

import com.demarc.automation.AutomationImport;
import com.demarc.automation.AutomationService;
import com.demarc.automation.CheckResult;
import com.demarc.automation.CheckStatus;
import com.demarc.automation.ImportReport;
import com.demarc.automation.ResultFormat;
import com.demarc.automation.ServiceProposalService;
import com.demarc.automation.Suppression;
import com.demarc.project.Project;
import com.demarc.project.ProjectId;
import com.demarc.project.ProjectService;
import com.demarc.shared.Actors;
import com.demarc.shared.Role;
import com.demarc.shared.ui.Badge;
import com.demarc.shared.ui.Downloads;
import com.demarc.shared.ui.Notices;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.router.BeforeEvent;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.HasUrlParameter;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;
import org.springframework.security.access.AccessDeniedException;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * A project's automated evidence: upload a Security Hub or AWS Config results file (import report shown), the newest
 * result of every check with its failing resources and raw evidence, the imports, and (managers) suppressions.
 */
@Route("checks")
@PermitAll
class ChecksView extends VerticalLayout implements HasUrlParameter<Long>, HasDynamicTitle {
    static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private final AutomationService automation;
    private final ProjectService projects;
    private final ServiceProposalService proposals;
    private String title = "Check results";
    private final Div report = new Div();
    private final Grid<CheckResult> results = new Grid<>();
    private final Grid<AutomationImport> imports = new Grid<>();
    private final VerticalLayout suppressions = new VerticalLayout();
    private ProjectId projectId;
    private ResultFormat format;

    ChecksView(AutomationService automation, ProjectService projects, ServiceProposalService proposals) {
        this.automation = automation;
        this.projects = projects;
        this.proposals = proposals;
        setWidthFull();
    }

    @Override
    public void setParameter(BeforeEvent event, Long id) {
        removeAll();
        Project project;
        try {
            project = projects.project(new ProjectId(id));
        } catch (AccessDeniedException | java.util.NoSuchElementException e) {
            add(new H2("Project not available"), new Paragraph("This project does not exist or belongs to a team you are "
                    + "not in. Ask a compliance manager if you need access."), new Anchor("projects", "Back to projects"));
            return;
        }
        projectId = project.id();
        title = "Check results · " + project.name();
        render(project);
    }

    private void render(Project p) {
        var heading = new H2("Automated evidence: " + p.name());
        heading.setId("checks-title");
        add(new Anchor("projects/" + p.id().value(), "← " + p.name()), heading,
                new Paragraph("AWS Security Hub and AWS Config results for this project's accounts ("
                        + (p.awsAccountIds().isEmpty() ? "none recorded: add them to the project first"
                        : String.join(", ", p.awsAccountIds().stream().map(a -> a.value()).toList()))
                        + "). A control whose mapped checks all passed within the freshness window counts as covered; "
                        + "one failing check makes it \"Failing check\" until a later import passes."));
        if (projects.canEdit(p.id())) {
            var choice = new Select<ResultFormat>();
            choice.setLabel("Format");
            choice.setItems(ResultFormat.values());
            choice.setItemLabelGenerator(f -> f == null ? "Recognise automatically" : f.label());
            choice.setEmptySelectionAllowed(true);
            choice.setEmptySelectionCaption("Recognise automatically");
            choice.addValueChangeListener(e -> format = e.getValue());
            var upload = new Upload(new ResultsUploadHandler(automation, p.id(), () -> format, this::showReport));
            upload.setId("results-upload");
            upload.setMaxFiles(1);
            upload.setAcceptedFileTypes(".json", ".jsonl", "application/json");
            upload.setDropLabel(new com.vaadin.flow.component.html.Span("Drop a results file here"));
            report.setId("import-report");
            add(new H3("Import results"), new Paragraph("Export with the AWS CLI and upload the file as it is:"),
                    new Pre("aws securityhub get-findings --filters '{\"ComplianceStatus\":[{\"Value\":\"FAILED\",\"Comparison\":\"EQUALS\"},"
                            + "{\"Value\":\"PASSED\",\"Comparison\":\"EQUALS\"}]}' > findings.json\n"
                            + "aws configservice get-compliance-details-by-config-rule --config-rule-name root-account-mfa-enabled > config.json"),
                    new HorizontalLayout(choice), upload, report, new ServiceProposalPanel(proposals, p.id()));
        }
        results.setId("check-results");
        results.addColumn(CheckResult::checkId).setHeader("Check").setAutoWidth(true);
        results.addColumn(Badge.text(r -> r.suppressed() ? "Suppressed" : r.status().label(),
                r -> r.suppressed() ? "status-not-applicable" : r.status() == CheckStatus.FAILED ? "status-not-started"
                        : r.status() == CheckStatus.PASSED ? "status-implemented" : "status-not-applicable",
                r -> r.suppressed() ? "until " + r.suppressedUntil() + ": " + r.suppressedBecause() : "")).setHeader("Status").setAutoWidth(true);
        results.addColumn(r -> r.resourcesFailing() + " of " + r.resourcesChecked() + " failing").setHeader("Resources").setAutoWidth(true);
        results.addColumn(r -> String.join(", ", r.failingResources())).setHeader("Failing resources").setFlexGrow(3);
        results.addColumn(r -> WHEN.format(r.lastObserved()) + (r.fresh() ? "" : " (stale)")).setHeader("Last observed").setAutoWidth(true);
        results.addComponentColumn(r -> Downloads.fileLink("files/check-results/" + r.importId(), "raw evidence"))
                .setHeader("Evidence").setAutoWidth(true);
        results.setAllRowsVisible(true);
        imports.setId("check-imports");
        imports.addColumn(i -> WHEN.format(i.importedAt())).setHeader("Imported").setAutoWidth(true);
        imports.addColumn(i -> i.format().label()).setHeader("Format").setAutoWidth(true);
        imports.addColumn(AutomationImport::fileName).setHeader("File").setAutoWidth(true);
        imports.addColumn(AutomationImport::findings).setHeader("Findings");
        imports.addColumn(AutomationImport::importedBy).setHeader("By");
        imports.addColumn(AutomationImport::sha256).setHeader("SHA-256").setFlexGrow(2);
        imports.addComponentColumn(i -> Downloads.fileLink("files/check-results/" + i.id(), "download")).setHeader("Raw");
        imports.setAllRowsVisible(true);
        add(new H3("Checks"), results);
        if (Actors.current().map(u -> u.hasRole(Role.MANAGER)).orElse(false)) {
            add(new H3("Suppressions"), suppressions);
        }
        add(new H3("Imports"), imports);
        refresh();
    }

    private void showReport(ImportReport r) {
        report.removeAll();
        var list = new UnorderedList();
        for (var part : r.projects()) {
            list.add(new ListItem(part.projectName() + ": " + (part.importId() == null ? "nothing new (already imported)"
                    : part.checks() + " checks, " + part.passed() + " passed, " + part.failed() + " failed"
                    + (part.other() > 0 ? ", " + part.other() + " not evaluated" : "") + " · SHA-256 " + part.sha256())));
        }
        var summary = new Paragraph(r.summary());
        summary.setId("import-summary");
        report.add(summary, list);
        Notices.success(r.summary());
        refresh();
    }

    private void refresh() {
        results.setItems(automation.results(projectId));
        imports.setItems(automation.imports(projectId, 20));
        if (Actors.current().map(u -> u.hasRole(Role.MANAGER)).orElse(false)) {
            renderSuppressions();
        }
    }

    private void renderSuppressions() {
        suppressions.removeAll();
        suppressions.setPadding(false);
        for (Suppression s : automation.suppressions(projectId)) {
            var end = new Button("End", e -> com.demarc.shared.ui.Confirm.destructive("End the suppression of " + s.checkId() + "?",
                    "A failing result of this check counts against the control again from now on.", "End suppression", () -> {
                        automation.endSuppression(s.id());
                        Notices.success("The suppression of " + s.checkId() + " ended.");
                        refresh();
                    }));
            suppressions.add(new HorizontalLayout(new Paragraph(s.checkId() + " until " + s.until() + " (" + s.createdBy()
                    + "): " + s.justification()), end));
        }
        var check = new ComboBox<CheckResult>("Check");
        check.setItems(automation.results(projectId));
        check.setItemLabelGenerator(r -> r.checkId() + " · " + r.status().label());
        check.setId("suppress-check");
        var why = new TextArea("Justification");
        why.setWidth("28em");
        why.setHelperText("Why it does not apply to this project (auditors read it)");
        var until = com.demarc.shared.ui.Dates.iso(new DatePicker("Until"));
        until.setValue(LocalDate.now().plusDays(90));
        var checkChosen = Notices.required(check, "Choose the check to suppress.");
        var suppress = new Button("Suppress", e -> {
            if (!checkChosen.getAsBoolean()) {
                return;
            }
            automation.suppress(projectId, check.getValue().source(), check.getValue().checkId(), why.getValue(), until.getValue());
            Notices.success(check.getValue().checkId() + " is suppressed for this project until " + until.getValue() + ".");
            refresh();
        });
        suppress.setId("suppress-button");
        var form = new HorizontalLayout(check, why, until, suppress);
        form.setAlignItems(Alignment.BASELINE);
        suppressions.add(form);
    }

    @Override
    public String getPageTitle() {
        return title;
    }
}
