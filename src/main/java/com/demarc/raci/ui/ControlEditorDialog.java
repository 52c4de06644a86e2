package com.demarc.raci.ui;

import com.demarc.organization.OrganizationService;
import com.demarc.project.ProjectControl;
import com.demarc.project.ProjectEvent;
import com.demarc.project.ProjectService;
import com.demarc.project.Status;
import com.demarc.raci.Assignee;
import com.demarc.raci.Raci;
import com.demarc.raci.RaciEntry;
import com.demarc.raci.RaciRole;
import com.demarc.raci.RaciRules;
import com.demarc.raci.RaciService;
import com.demarc.shared.UserFacingException;
import com.demarc.shared.ui.Notices;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;

import java.time.format.DateTimeFormatter;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One project control: its status, due date and notes, its RACI (with the rules explained), and its history.
 * A refused save keeps everything the user entered.
 */
class ControlEditorDialog extends Dialog {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

    /** One choice in the R/C/I pickers: a person or a team. */
    record Choice(Assignee assignee) {
        String label() {
            return assignee.label();
        }
    }

    private ProjectControl control;
    private final ProjectService projects;
    private final RaciService raciService;
    private final Runnable onSaved;
    private final boolean editable;

    private final Select<Status> status = new Select<>();
    private final TextArea justification = new TextArea("Justification (required for Not applicable)");
    private final DatePicker due = new DatePicker("Due date");
    private final TextArea notes = new TextArea("Notes");
    private final ComboBox<Choice> accountable = new ComboBox<>("Accountable (one person)");
    private final MultiSelectComboBox<Choice> responsible = new MultiSelectComboBox<>("Responsible (people or teams)");
    private final MultiSelectComboBox<Choice> consulted = new MultiSelectComboBox<>("Consulted");
    private final MultiSelectComboBox<Choice> informed = new MultiSelectComboBox<>("Informed");
    private final Paragraph ownership = new Paragraph();

    ControlEditorDialog(ProjectService projects, RaciService raciService, OrganizationService organization,
                        ProjectControl control, Runnable onSaved) {
        this.projects = projects;
        this.raciService = raciService;
        this.control = control;
        this.onSaved = onSaved;
        this.editable = projects.canEdit(control.projectId());
        setHeaderTitle(control.code() + " · " + control.title());
        setWidth("52rem");

        var people = organization.people().stream().map(u -> new Choice(Assignee.person(u.id(), u.displayName()))).toList();
        // R and A only for people who can act on a control (team members, compliance managers)
        var owners = organization.owners().stream().map(u -> new Choice(Assignee.person(u.id(), u.displayName()))).toList();
        var teams = organization.teamDirectory().stream()
                .map(t -> new Choice(Assignee.team(t.id(), t.name() + " (team)"))).toList();
        var peopleAndTeams = new ArrayList<>(people);
        peopleAndTeams.addAll(teams);
        var ownersAndTeams = new ArrayList<>(owners);
        ownersAndTeams.addAll(teams);
        accountable.setItems(owners);
        accountable.setItemLabelGenerator(Choice::label);
        accountable.setClearButtonVisible(true);
        accountable.setId("raci-a");
        responsible.setItems(ownersAndTeams);
        responsible.setItemLabelGenerator(Choice::label);
        for (var box : List.of(consulted, informed)) {
            box.setItems(peopleAndTeams);
            box.setItemLabelGenerator(Choice::label);
        }
        responsible.setId("raci-r");

        status.setLabel("Status");
        status.setId("control-status");
        status.setItems(control.owner() == com.demarc.catalog.Owner.AWS ? List.of(Status.values())
                : List.of(Status.NOT_STARTED, Status.IN_PROGRESS, Status.IMPLEMENTED, Status.NOT_APPLICABLE));
        status.setItemLabelGenerator(Status::label);
        status.addValueChangeListener(e -> justification.setVisible(e.getValue() == Status.NOT_APPLICABLE));
        justification.setId("control-justification");

        var owner = new Paragraph("Owner for this project: " + control.owner().label() + ". " + control.ownerReason());
        var statusForm = new FormLayout(status, due, justification, notes);
        statusForm.setColspan(justification, 2);
        statusForm.setColspan(notes, 2);
        add(owner, statusForm);

        if (control.needsRaci()) {
            var rules = new Paragraph("Rules: exactly one Accountable, a person; at least one Responsible (a person or "
                    + "team); a person holds at most one letter. Until then the control is unowned.");
            rules.addClassName("history-list");
            var raciForm = new FormLayout(accountable, responsible, consulted, informed);
            add(new H4("RACI"), rules, raciForm, ownership);
        } else {
            add(new Paragraph("AWS owns this control for this project (or it does not apply): it needs no RACI. "
                    + "It is covered by AWS's attestations."));
        }
        add(history());
        load(control);
        if (!editable) {
            status.setReadOnly(true);
            justification.setReadOnly(true);
            due.setReadOnly(true);
            notes.setReadOnly(true);
            accountable.setReadOnly(true);
            responsible.setReadOnly(true);
            consulted.setReadOnly(true);
            informed.setReadOnly(true);
        }

        var save = new Button("Save", e -> save());
        save.setId("control-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.setVisible(editable);
        var evidence = new Button("Evidence: " + control.evidenceLabel() + " …", e -> {
            close();
            getUI().ifPresent(ui -> ui.navigate("evidence/" + control.id().value()));
        });
        evidence.setId("open-evidence");
        evidence.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        getFooter().add(evidence, new Button(editable ? "Cancel" : "Close", e -> close()), save);
    }

    private void load(ProjectControl c) {
        status.setValue(c.status());
        justification.setValue(c.justification() == null ? "" : c.justification());
        justification.setVisible(c.status() == Status.NOT_APPLICABLE);
        due.setValue(c.dueDate());
        notes.setValue(c.notes() == null ? "" : c.notes());
        if (c.needsRaci()) {
            Raci raci = raciService.raci(c.id());
            accountable.setValue(find(accountable.getListDataView().getItems().toList(), raci.holders(RaciRole.A)).stream()
                    .findFirst().orElse(null));
            responsible.setValue(find(items(responsible), raci.holders(RaciRole.R)));
            consulted.setValue(find(items(consulted), raci.holders(RaciRole.C)));
            informed.setValue(find(items(informed), raci.holders(RaciRole.I)));
            ownership.setText(raci.owned() ? "Owned." : "Unowned: " + String.join(", ", raci.gaps()) + ".");
            ownership.setClassName(raci.owned() ? "" : "overdue");
        }
    }

    private static List<Choice> items(MultiSelectComboBox<Choice> box) {
        return box.getListDataView().getItems().toList();
    }

    private static Set<Choice> find(List<Choice> items, List<Assignee> wanted) {
        return items.stream().filter(c -> wanted.stream().anyMatch(w -> w.sameAs(c.assignee()))).collect(Collectors.toSet());
    }

    private List<RaciEntry> entries() {
        var list = new ArrayList<RaciEntry>();
        if (accountable.getValue() != null) {
            list.add(new RaciEntry(RaciRole.A, accountable.getValue().assignee()));
        }
        responsible.getValue().forEach(c -> list.add(new RaciEntry(RaciRole.R, c.assignee())));
        consulted.getValue().forEach(c -> list.add(new RaciEntry(RaciRole.C, c.assignee())));
        informed.getValue().forEach(c -> list.add(new RaciEntry(RaciRole.I, c.assignee())));
        return list;
    }

    private void save() {
        try {
            if (control.needsRaci()) {
                var entries = entries();
                var problems = RaciRules.violations(entries);
                if (!problems.isEmpty()) {
                    throw new UserFacingException("The RACI was not saved.", problems);
                }
                var current = raciService.raci(control.id());
                if (!sameEntries(current.entries(), entries)) {
                    raciService.setRaci(control.id(), control.version(), entries);
                    control = projects.control(control.id());
                }
            }
            if (status.getValue() != control.status() || !java.util.Objects.equals(due.getValue(), control.dueDate())
                    || !notes.getValue().strip().equals(control.notes() == null ? "" : control.notes())
                    || (status.getValue() == Status.NOT_APPLICABLE
                    && !justification.getValue().strip().equals(control.justification() == null ? "" : control.justification()))) {
                control = projects.setStatus(control.id(), control.version(), status.getValue(), justification.getValue(),
                        due.getValue(), notes.getValue());
            }
            Notices.success(control.code() + " saved.");
            onSaved.run();
            close();
        } catch (UserFacingException e) {
            Notices.error(e);
        }
    }

    private static boolean sameEntries(List<RaciEntry> a, List<RaciEntry> b) {
        java.util.function.Function<RaciEntry, String> key = e -> e.role() + ":" + e.assignee().user() + ":" + e.assignee().team();
        return a.stream().map(key).collect(Collectors.toSet()).equals(b.stream().map(key).collect(Collectors.toSet()));
    }

    private Details history() {
        var list = new UnorderedList();
        list.addClassName("history-list");
        List<ProjectEvent> events = projects.history(control.id());
        events.stream().limit(50).forEach(e -> list.add(new ListItem(WHEN.format(e.at()) + " · " + e.actor() + " · "
                + e.field() + ": " + (e.from() == null ? "—" : e.from()) + " → " + (e.to() == null ? "—" : e.to()))));
        var details = new Details("History (" + events.size() + ")", events.isEmpty() ? new Div("No changes yet.") : list);
        details.setId("control-history");
        return details;
    }

}
