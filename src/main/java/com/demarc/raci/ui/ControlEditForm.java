package com.demarc.raci.ui;

import com.demarc.project.Status;
import com.demarc.raci.Assignee;
import com.demarc.raci.ControlEdit;
import com.demarc.raci.RaciRules;
import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.data.binder.Binder;
import com.vaadin.flow.data.binder.ValidationException;
import com.vaadin.flow.data.binder.ValidationResult;

import java.util.List;

/**
 * The form of one project control's edit: status, justification, due date, notes and (where the control needs one) the
 * RACI, through a buffered {@link Binder} over {@link ControlEdit}. Rules a field can check show on that field; the
 * service checks them all again.
 */
class ControlEditForm extends Composite<Div> {
    private final Select<Status> status = new Select<>();
    private final TextArea justification = new TextArea("Justification (required for Not applicable)");
    private final DatePicker due = com.demarc.shared.ui.Dates.iso(new DatePicker("Due date"));
    private final TextArea notes = new TextArea("Notes");
    private final Binder<ControlEdit> binder = new Binder<>(ControlEdit.class);
    private final RaciField raci;

    ControlEditForm(List<Status> statuses, boolean needsRaci, List<Assignee> people, List<Assignee> owners,
                    List<Assignee> teams) {
        status.setLabel("Status");
        status.setId("control-status");
        status.setItems(statuses);
        status.setItemLabelGenerator(Status::label);
        status.addValueChangeListener(e -> justification.setVisible(e.getValue() == Status.NOT_APPLICABLE));
        justification.setId("control-justification");
        justification.setVisible(false);
        var statusForm = new FormLayout(status, due, justification, notes);
        statusForm.setColspan(justification, 2);
        statusForm.setColspan(notes, 2);
        getContent().add(statusForm);

        binder.forField(status).asRequired("Choose a status.").bind("status");
        var justificationBinding = binder.forField(justification)
                .withValidator((value, context) -> status.getValue() != Status.NOT_APPLICABLE || !value.isBlank()
                        ? ValidationResult.ok()
                        : ValidationResult.error("Say why the control does not apply: a justification is required for Not applicable."))
                .bind("justification");
        status.addValueChangeListener(e -> {
            if (e.isFromClient()) {
                justificationBinding.validate();
            }
        });
        binder.forField(due).bind("dueDate");
        binder.forField(notes).withValidator(n -> n.length() <= 4000, "Notes: keep them under 4,000 characters.")
                .bind("notes");
        raci = new RaciField(people, owners, teams);
        var raciBinding = binder.forField(raci);
        if (needsRaci) {
            var rules = new Paragraph("Rules: exactly one Accountable, a person; at least one Responsible (a person or "
                    + "team); a person holds at most one letter. Until then the control is unowned.");
            rules.addClassName("history-list");
            getContent().add(new H4("RACI"), rules, raci);
            raciBinding = raciBinding.withValidator((entries, context) -> {
                var problems = RaciRules.violations(entries == null ? List.of() : entries);
                return problems.isEmpty() ? ValidationResult.ok() : ValidationResult.error(String.join(" ", problems));
            });
        } else {
            // bound but not shown: writeRecord needs every component, and keeps the (empty) RACI it read
            getContent().add(new Paragraph("AWS owns this control for this project (or it does not apply): it needs no "
                    + "RACI. It is covered by AWS's attestations."));
        }
        raciBinding.bind("raci");
    }

    void readRecord(ControlEdit edit) {
        binder.readRecord(edit);
        justification.setVisible(edit.status() == Status.NOT_APPLICABLE);
    }

    /** The edit as entered; field-level errors are shown and a {@link ValidationException} thrown if a rule fails. */
    ControlEdit writeRecord() throws ValidationException {
        return binder.writeRecord();
    }

    /** Runs with the RACI as entered, now and whenever the user changes it (before any save). */
    void onRaciChange(java.util.function.Consumer<List<com.demarc.raci.RaciEntry>> listener) {
        raci.addValueChangeListener(e -> listener.accept(e.getValue() == null ? List.of() : e.getValue()));
    }

    void setReadOnly(boolean readOnly) {
        binder.setReadOnly(readOnly);
    }

    void focusStatus() {
        status.focus();
    }

    /** Focuses the Accountable picker, or the status when the control needs no RACI (AWS-owned). */
    void focusRaci() {
        if (raci.getParent().isPresent()) {
            raci.focusAccountable();
        } else {
            status.focus();
        }
    }
}
