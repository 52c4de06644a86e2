package com.demarc.raci.ui;

import com.demarc.catalog.Owner;
import com.demarc.organization.OrganizationService;
import com.demarc.project.EvidenceState;
import com.demarc.project.ProjectControl;
import com.demarc.project.ProjectEvent;
import com.demarc.project.ProjectService;
import com.demarc.project.Status;
import com.demarc.raci.Assignee;
import com.demarc.raci.ControlEdit;
import com.demarc.raci.Raci;
import com.demarc.raci.RaciService;
import com.demarc.shared.ui.Notices;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.UnorderedList;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Function;

/**
 * One project control: its status, due date and notes, its RACI (with the rules explained), and its history. Saving
 * hands the whole edit to one callback (one service call, one transaction); a refused save keeps everything the user
 * entered (the refusal itself is shown by the session's error handler).
 */
class ControlEditorDialog extends Dialog {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

    /** What the dialog needs to show one project control. */
    record Content(ProjectControl control, EvidenceState evidence, Raci raci, List<Assignee> people,
                   List<Assignee> owners, List<Assignee> teams, List<ProjectEvent> history, boolean editable) {
    }

    /**
     * Opens the editor of one project control wired to {@link RaciService#saveControl}; {@code onSaved} runs after a
     * successful save.
     */
    static ControlEditorDialog open(ProjectService projects, RaciService raci, OrganizationService organization,
                     ProjectControl control, EvidenceState evidence, Runnable onSaved) {
        var people = organization.people().stream().map(u -> Assignee.person(u.id(), u.displayName())).toList();
        // R and A only for people who can act on this project's controls: its team's members and compliance managers
        // (ADR 0026); whoever holds R or A already stays in the picker, so a save does not drop them unasked
        var current = control.needsRaci() ? raci.raci(control.id()) : new Raci(control.id(), List.of());
        var owners = new java.util.ArrayList<>(organization.ownersFor(List.of(control.data().teamId())).stream()
                .map(u -> Assignee.person(u.id(), u.displayName())).toList());
        current.entries().stream().map(com.demarc.raci.RaciEntry::assignee)
                .filter(a -> a.isPerson() && owners.stream().noneMatch(a::sameAs)).forEach(owners::add);
        var teams = organization.teamDirectory().stream().map(t -> Assignee.team(t.id(), t.name() + " (team)")).toList();
        var content = new Content(control, evidence, current,
                people, owners, teams, projects.history(control.id()), projects.canEdit(control.data().projectId()));
        var dialog = new ControlEditorDialog(content, edit -> raci.saveControl(control.id(), control.version(), edit), onSaved);
        dialog.open();
        return dialog;
    }

    private final ControlEditForm form;

    ControlEditorDialog(Content content, Function<ControlEdit, ProjectControl> save, Runnable onSaved) {
        var control = content.control();
        setHeaderTitle(control.data().code() + " · " + control.data().title());
        setWidth("52rem");

        var statuses = control.data().owner() == Owner.AWS ? List.of(Status.values())
                : List.of(Status.NOT_STARTED, Status.IN_PROGRESS, Status.IMPLEMENTED, Status.NOT_APPLICABLE);
        form = new ControlEditForm(statuses, control.needsRaci(), content.people(), content.owners(), content.teams());
        form.readRecord(ControlEdit.of(control, content.raci()));
        form.setReadOnly(!content.editable());

        add(new Paragraph("Owner for this project: " + control.data().owner().label() + ". " + control.data().ownerReason()), form);
        if (control.needsRaci()) {
            var ownership = new Paragraph();
            ownership.setId("control-ownership");
            showOwnership(ownership, content.raci().entries());
            // live: the line follows the pickers, before the save (issue 19: it never changed)
            form.onRaciChange(entries -> showOwnership(ownership, entries));
            add(ownership);
        }
        add(history(content.history()));

        var saveButton = new Button("Save", e -> Notices.written(form::writeRecord).ifPresent(edit -> {
            var saved = save.apply(edit);
            Notices.success(saved.data().code() + " saved.");
            onSaved.run();
            close();
        }));
        saveButton.setId("control-save");
        saveButton.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        saveButton.setVisible(content.editable());
        var evidence = new Button("Evidence: " + content.evidence().label() + " …", e -> {
            close();
            getUI().ifPresent(ui -> ui.navigate("evidence/" + control.id().value()));
        });
        evidence.setId("open-evidence");
        evidence.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        // the automation module's page, by URL (raci does not depend on automation)
        var checks = new Button("Checks …", e -> {
            close();
            getUI().ifPresent(ui -> ui.navigate("control-checks/" + control.id().value()));
        });
        checks.setId("open-checks");
        checks.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        getFooter().add(evidence, checks, new Button(content.editable() ? "Cancel" : "Close", e -> close()), saveButton);
    }

    /** Puts the cursor where the fix is: the Accountable picker (an unowned control) or the status (an overdue one). */
    void focusOn(boolean raci) {
        if (raci) {
            form.focusRaci();
        } else {
            form.focusStatus();
        }
    }

    private static void showOwnership(Paragraph line, List<com.demarc.raci.RaciEntry> entries) {
        var gaps = com.demarc.raci.RaciRules.ownershipGaps(entries);
        line.setText(gaps.isEmpty() ? "Owned." : "Unowned: " + String.join(", ", gaps) + ".");
        line.setClassName(gaps.isEmpty() ? "" : "overdue");
    }

    private static Details history(List<ProjectEvent> events) {
        var list = new UnorderedList();
        list.addClassName("history-list");
        events.stream().limit(50).forEach(e -> list.add(new ListItem(WHEN.format(e.at()) + " · " + e.actor() + " · "
                + e.field() + ": " + (e.from() == null ? "—" : e.from()) + " → " + (e.to() == null ? "—" : e.to()))));
        var details = new Details("History (" + events.size() + ")", events.isEmpty() ? new Div("No changes yet.") : list);
        details.setId("control-history");
        return details;
    }
}
