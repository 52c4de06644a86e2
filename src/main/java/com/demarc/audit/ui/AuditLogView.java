package com.demarc.audit.ui;

import com.demarc.audit.AuditAction;
import com.demarc.audit.AuditEntry;
import com.demarc.audit.AuditFilter;
import com.demarc.audit.AuditLog;
import com.demarc.shared.UserFacingException;
import com.demarc.shared.ui.Downloads;
import com.demarc.shared.ui.Notices;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** The audit log for admins and auditors: filter, verify the hash chain, export to CSV, export a signed receipt. */
@Route("audit-log")
@PageTitle("Audit log")
@Menu(title = "Audit log", order = 92, icon = "vaadin:records")
@RolesAllowed({"ADMIN", "AUDITOR"})
class AuditLogView extends VerticalLayout {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private final AuditLog audit;
    private final Grid<AuditEntry> grid = new Grid<>();
    private final TextField actor = new TextField("Actor");
    private final ComboBox<AuditAction> action = new ComboBox<>("Action", AuditAction.values());
    private final TextField entity = new TextField("Entity or text");
    private final DateTimePicker from = com.demarc.shared.ui.Dates.iso(new DateTimePicker("From (UTC)"));
    private final DateTimePicker to = com.demarc.shared.ui.Dates.iso(new DateTimePicker("To (UTC)"));
    private final Paragraph chain = new Paragraph();

    AuditLogView(AuditLog audit) {
        this.audit = audit;
        setSizeFull();
        for (var field : new TextField[]{actor, entity}) {
            field.setValueChangeMode(ValueChangeMode.LAZY);
            field.setClearButtonVisible(true);
            field.addValueChangeListener(e -> grid.getDataProvider().refreshAll());
        }
        action.setPlaceholder("Any");
        action.setClearButtonVisible(true);
        action.setId("audit-action");
        action.addValueChangeListener(e -> grid.getDataProvider().refreshAll());
        from.addValueChangeListener(e -> grid.getDataProvider().refreshAll());
        to.addValueChangeListener(e -> grid.getDataProvider().refreshAll());

        var verify = new Button("Verify hash chain", VaadinIcon.CHECK_CIRCLE.create(), e -> {
            var report = audit.verify();
            chain.setText(report.describe());
            if (report.intact()) {
                Notices.success(report.describe());
            } else {
                Notices.error(new UserFacingException(report.describe()));
            }
        });
        verify.setId("audit-verify");
        chain.setId("audit-chain");
        var export = new Anchor(Downloads.of("demarc-audit-log.csv", "text/csv", () -> AuditLogCsv.csv(audit, filter())),
                "Export CSV");

        var receipt = new Anchor(Downloads.of("demarc-audit-receipt.json", "application/json",
                () -> audit.receipt().getBytes(StandardCharsets.UTF_8)), "Export receipt");
        receipt.setId("audit-receipt");
        receipt.setTitle("The signed head of the chain: keep it outside Demarc; --verify-audit-log --receipt=<file> checks it");

        grid.setId("audit-grid");
        grid.addColumn(AuditEntry::seq).setHeader("#").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(a -> WHEN.format(a.at())).setHeader("When (UTC)").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(AuditEntry::actor).setHeader("Actor").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(AuditEntry::action).setHeader("Action").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(a -> a.entityType() + (a.entityId() == null ? "" : " " + a.entityId())).setHeader("Entity").setAutoWidth(true);
        grid.addColumn(AuditEntry::summary).setHeader("Summary").setFlexGrow(2);
        grid.addColumn(a -> (a.before() == null ? "" : a.before() + " → ") + (a.after() == null ? "" : a.after()))
                .setHeader("Before → after").setFlexGrow(2);
        grid.setItems(q -> audit.find(filter(), q.getOffset(), q.getLimit()).stream(), q -> audit.count(filter()));
        grid.setSizeFull();

        var filters = new HorizontalLayout(actor, action, entity, from, to);
        filters.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        filters.setWrap(true);
        var tools = new HorizontalLayout(verify, export, receipt, chain);
        tools.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        audit.protectionWarning().ifPresent(text -> {
            var warning = new Paragraph(text);
            warning.setId("audit-protection-warning");
            warning.getStyle().set("color", "var(--lumo-error-text-color)");
            add(warning);
        });
        add(filters, tools, grid);
    }

    private AuditFilter filter() {
        return new AuditFilter(actor.getValue(), action.getValue() == null ? null : action.getValue().name(),
                entity.getValue(), from.getValue() == null ? null : from.getValue().toInstant(ZoneOffset.UTC),
                to.getValue() == null ? null : to.getValue().toInstant(ZoneOffset.UTC));
    }
}
