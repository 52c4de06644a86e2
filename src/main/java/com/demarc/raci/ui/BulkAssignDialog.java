package com.demarc.raci.ui;

import com.demarc.organization.OrganizationService;
import com.demarc.project.ProjectId;
import com.demarc.raci.Assignee;
import com.demarc.raci.RaciRole;
import com.demarc.raci.RaciService;
import com.demarc.shared.UserFacingException;
import com.demarc.shared.ui.Notices;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Sets Accountable or Responsible for the selected controls of the selected projects in one action. */
class BulkAssignDialog extends Dialog {

    BulkAssignDialog(RaciService raci, OrganizationService organization, Set<ProjectId> projects, Set<String> codes,
                     Runnable onDone) {
        setHeaderTitle("Assign to " + codes.size() + " control(s) in " + projects.size() + " project(s)");
        setWidth("34rem");
        if (codes.isEmpty()) {
            add(new Paragraph("Select controls in the matrix first (the check boxes on the left)."));
            getFooter().add(new Button("Close", e -> close()));
            return;
        }
        var role = new RadioButtonGroup<RaciRole>("Letter");
        role.setItems(RaciRole.A, RaciRole.R);
        role.setItemLabelGenerator(r -> r == RaciRole.A ? "Accountable (replaces the current one)" : "Responsible (added)");
        role.setValue(RaciRole.A);
        role.setId("bulk-role");
        var who = new ComboBox<Assignee>("Person or team");
        who.setId("bulk-who");
        var people = organization.owners().stream()
                .map(u -> Assignee.person(u.id(), u.displayName())).toList();
        var teams = organization.teamDirectory().stream()
                .map(t -> Assignee.team(t.id(), t.name() + " (team)")).toList();
        List<Assignee> all = new ArrayList<>(people);
        all.addAll(teams);
        who.setItems(people);
        who.setItemLabelGenerator(Assignee::label);
        role.addValueChangeListener(e -> who.setItems(e.getValue() == RaciRole.A ? people : all));
        add(new Paragraph("AWS-owned controls are skipped. If the person already holds another letter on a control, "
                + "nothing is changed and the conflicts are listed."), role, who);
        var apply = new Button("Assign", e -> {
            if (who.getValue() == null) {
                Notices.error(new UserFacingException("Choose a person or team."));
                return;
            }
            var result = raci.bulkAssign(projects, codes, role.getValue(), who.getValue());
            Notices.success(result.summary());
            onDone.run();
            close();
        });
        apply.setId("bulk-apply");
        apply.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        getFooter().add(new Button("Cancel", e -> close()), apply);
    }
}
