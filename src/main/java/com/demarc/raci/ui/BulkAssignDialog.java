package com.demarc.raci.ui;

import com.demarc.organization.OrganizationService;
import com.demarc.organization.TeamId;
import com.demarc.project.ProjectId;
import com.demarc.raci.Assignee;
import com.demarc.raci.RaciService;
import com.demarc.shared.UserFacingException;
import com.demarc.shared.ui.Notices;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Sets the Accountable person and/or adds a Responsible person or team for the selected controls of the selected
 * projects in one action (one service call, one transaction).
 */
class BulkAssignDialog extends Dialog {

    BulkAssignDialog(RaciService raci, OrganizationService organization, Set<ProjectId> projects, Set<TeamId> teams,
                     Set<String> codes, Runnable onDone) {
        setHeaderTitle("Assign to " + codes.size() + " control(s) in " + projects.size() + " project(s)");
        setWidth("34rem");
        if (codes.isEmpty()) {
            add(new Paragraph("Select controls in the matrix first (the check boxes on the left)."));
            getFooter().add(new Button("Close", e -> close()));
            return;
        }
        // who may be named (ADR 0026): R and A only for the projects' team members and compliance managers
        var people = organization.ownersFor(teams).stream()
                .map(u -> Assignee.person(u.id(), u.displayName())).toList();
        var teamItems = organization.teamDirectory().stream().filter(t -> teams.contains(t.id()))
                .map(t -> Assignee.team(t.id(), t.name() + " (team)")).toList();
        List<Assignee> all = new ArrayList<>(people);
        all.addAll(teamItems);
        var accountable = new ComboBox<Assignee>("Accountable (replaces the current one)");
        accountable.setId("bulk-who");
        accountable.setItems(people);
        accountable.setItemLabelGenerator(Assignee::label);
        accountable.setClearButtonVisible(true);
        accountable.setWidthFull();
        accountable.setHelperText("Members of the project's team and compliance managers.");
        var responsible = new ComboBox<Assignee>("Responsible (added)");
        responsible.setId("bulk-responsible");
        responsible.setItems(all);
        responsible.setItemLabelGenerator(Assignee::label);
        responsible.setClearButtonVisible(true);
        responsible.setWidthFull();
        responsible.setHelperText("A member, a compliance manager, or the project's team. Leave either empty to keep it.");
        add(new Paragraph("AWS-owned controls are skipped. If a person already holds another letter on a control, "
                + "nothing is changed and the conflicts are listed."), accountable, responsible);
        var apply = new Button("Assign", e -> {
            if (accountable.getValue() == null && responsible.getValue() == null) {
                accountable.setInvalid(true);
                accountable.setErrorMessage("Choose an Accountable person, a Responsible, or both.");
                return;
            }
            var result = raci.bulkAssign(projects, codes, accountable.getValue(), responsible.getValue());
            Notices.success(result.summary());
            onDone.run();
            close();
        });
        apply.setId("bulk-apply");
        apply.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        getFooter().add(new Button("Cancel", e -> close()), apply);
    }
}
