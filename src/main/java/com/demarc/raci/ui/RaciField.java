package com.demarc.raci.ui;

import com.demarc.raci.Assignee;
import com.demarc.raci.RaciEntry;
import com.demarc.raci.RaciRole;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.customfield.CustomField;
import com.vaadin.flow.component.formlayout.FormLayout;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** The RACI of one project control as one form field: an Accountable person and Responsible/Consulted/Informed sets. */
class RaciField extends CustomField<List<RaciEntry>> {
    private final ComboBox<Assignee> accountable = new ComboBox<>("Accountable (one person)");
    private final MultiSelectComboBox<Assignee> responsible = new MultiSelectComboBox<>("Responsible (people or teams)");
    private final MultiSelectComboBox<Assignee> consulted = new MultiSelectComboBox<>("Consulted");
    private final MultiSelectComboBox<Assignee> informed = new MultiSelectComboBox<>("Informed");
    private final List<Assignee> owners;
    private final List<Assignee> ownersAndTeams;
    private final List<Assignee> peopleAndTeams;

    /**
     * {@code owners} are the people who may hold R or A (team members and compliance managers); anyone may be
     * Consulted or Informed.
     */
    RaciField(List<Assignee> people, List<Assignee> owners, List<Assignee> teams) {
        super(List.of());
        this.owners = List.copyOf(owners);
        this.ownersAndTeams = concat(owners, teams);
        this.peopleAndTeams = concat(people, teams);
        accountable.setItems(this.owners);
        accountable.setItemLabelGenerator(Assignee::label);
        accountable.setClearButtonVisible(true);
        accountable.setId("raci-a");
        responsible.setItems(ownersAndTeams);
        for (var box : List.of(consulted, informed)) {
            box.setItems(peopleAndTeams);
        }
        for (var box : List.of(responsible, consulted, informed)) {
            box.setItemLabelGenerator(Assignee::label);
        }
        responsible.setId("raci-r");
        accountable.setHelperText("A member of this project's team or a compliance manager.");
        responsible.setHelperText("Members of this project's team, compliance managers, or the project's team.");
        consulted.setHelperText("Anyone; people outside the project's team see it in their list once they can open "
                + "the project.");
        // the field's value follows every picker as soon as it changes (the "Unowned: …" line depends on it)
        accountable.addValueChangeListener(e -> {
            if (e.isFromClient()) {
                updateValue();
            }
        });
        for (var box : List.of(responsible, consulted, informed)) {
            box.addValueChangeListener(e -> {
                if (e.isFromClient()) {
                    updateValue();
                }
            });
        }
        add(new FormLayout(accountable, responsible, consulted, informed));
    }

    @Override
    protected List<RaciEntry> generateModelValue() {
        var list = new ArrayList<RaciEntry>();
        if (accountable.getValue() != null) {
            list.add(new RaciEntry(RaciRole.A, accountable.getValue()));
        }
        responsible.getValue().forEach(a -> list.add(new RaciEntry(RaciRole.R, a)));
        consulted.getValue().forEach(a -> list.add(new RaciEntry(RaciRole.C, a)));
        informed.getValue().forEach(a -> list.add(new RaciEntry(RaciRole.I, a)));
        return list;
    }

    @Override
    protected void setPresentationValue(List<RaciEntry> entries) {
        var value = entries == null ? List.<RaciEntry>of() : entries;
        accountable.setValue(holders(owners, value, RaciRole.A).stream().findFirst().orElse(null));
        responsible.setValue(holders(ownersAndTeams, value, RaciRole.R));
        consulted.setValue(holders(peopleAndTeams, value, RaciRole.C));
        informed.setValue(holders(peopleAndTeams, value, RaciRole.I));
    }

    private static List<Assignee> concat(List<Assignee> a, List<Assignee> b) {
        var all = new ArrayList<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }

    /** The pickers' own items for the holders of a letter (labels may differ from the stored ones). */
    private static Set<Assignee> holders(List<Assignee> items, List<RaciEntry> entries, RaciRole role) {
        return items.stream().filter(i -> entries.stream().anyMatch(e -> e.role() == role && e.assignee().sameAs(i)))
                .collect(Collectors.toSet());
    }

    @Override
    public void setReadOnly(boolean readOnly) {
        super.setReadOnly(readOnly);
        for (var box : List.of(responsible, consulted, informed)) {
            box.setReadOnly(readOnly);
        }
        accountable.setReadOnly(readOnly);
    }

    void focusAccountable() {
        accountable.focus();
    }
}
