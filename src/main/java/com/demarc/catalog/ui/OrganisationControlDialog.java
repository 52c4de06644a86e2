package com.demarc.catalog.ui;

import com.demarc.catalog.CatalogService;
import com.demarc.catalog.Control;
import com.demarc.catalog.ControlDraft;
import com.demarc.catalog.Domain;
import com.demarc.catalog.Owner;
import com.demarc.catalog.ResponsibilityModel;
import com.demarc.shared.ui.Notices;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;

import java.util.Arrays;
import java.util.List;

/** Managers add (or edit) the organisation's own controls, with the same fields as the AWS model's. */
class OrganisationControlDialog extends Dialog {
    private final TextField code = new TextField("Code");
    private final Select<Domain> domain = new Select<>();
    private final TextField title = new TextField("Title");
    private final TextArea description = new TextArea("Description");
    private final Select<Owner> owner = new Select<>();
    private final TextArea customerPart = new TextArea("Customer's part");
    private final TextArea awsPart = new TextArea("AWS's part");
    private final Select<Owner> infrastructure = categoryOwner("Owner on infrastructure services");
    private final Select<Owner> container = categoryOwner("Owner on container services");
    private final Select<Owner> abstracted = categoryOwner("Owner on abstracted services");
    private final TextField ccm = new TextField("CSA CCM v4 ids");
    private final TextField nist = new TextField("NIST 800-53 rev5 ids");
    private final TextField source = new TextField("Source link");

    OrganisationControlDialog(CatalogService catalog, ResponsibilityModel model, Control existing, Runnable onSaved) {
        setHeaderTitle(existing == null ? "New organisation control" : "Edit " + existing.data().code());
        setWidth("48rem");
        code.setId("org-code");
        code.setPlaceholder("ORG-PCI-01");
        domain.setLabel("Domain");
        domain.setItems(catalog.domains(model.id()));
        domain.setItemLabelGenerator(Domain::name);
        title.setId("org-title");
        description.setId("org-description");
        owner.setLabel("Owner");
        owner.setItems(Owner.DEFAULTS);
        owner.setItemLabelGenerator(Owner::label);
        owner.setValue(Owner.CUSTOMER);
        infrastructure.setValue(Owner.CUSTOMER);
        container.setValue(Owner.CUSTOMER);
        abstracted.setValue(Owner.CUSTOMER);
        ccm.setHelperText("Separate with commas, e.g. IAM-02, IAM-05");
        nist.setHelperText("Separate with commas, e.g. ac-2, ac-6");
        customerPart.setHelperText("Required when the owner is Shared");
        awsPart.setHelperText("Required when the owner is Shared");
        if (existing != null) {
            code.setValue(existing.data().code());
            code.setReadOnly(true);
            catalog.domains(model.id()).stream().filter(d -> d.code().equals(existing.data().domainCode())).findFirst()
                    .ifPresent(domain::setValue);
            title.setValue(existing.data().title());
            description.setValue(existing.data().description());
            owner.setValue(existing.data().defaultOwner());
            customerPart.setValue(existing.data().customerPart() == null ? "" : existing.data().customerPart());
            awsPart.setValue(existing.data().awsPart() == null ? "" : existing.data().awsPart());
            infrastructure.setValue(existing.data().infrastructure());
            container.setValue(existing.data().container());
            abstracted.setValue(existing.data().abstracted());
            ccm.setValue(String.join(", ", existing.data().ccmIds()));
            nist.setValue(String.join(", ", existing.data().nistIds()));
            source.setValue(existing.data().sourceUrl() == null ? "" : existing.data().sourceUrl());
        }
        var form = new FormLayout(code, domain, title, owner, description, infrastructure, container, abstracted,
                customerPart, awsPart, ccm, nist, source);
        form.setColspan(description, 2);
        form.setColspan(title, 1);
        add(form);

        var save = new Button("Save", e -> {
            var draft = new ControlDraft(code.getValue(), domain.getValue() == null ? null : domain.getValue().code(),
                    title.getValue(), description.getValue(), owner.getValue(), customerPart.getValue(),
                    awsPart.getValue(), infrastructure.getValue(), container.getValue(), abstracted.getValue(),
                    ids(ccm.getValue()), ids(nist.getValue()), source.getValue());
            var saved = existing == null ? catalog.createOrganisationControl(draft)
                    : catalog.updateOrganisationControl(existing.id(), existing.version(), draft);
            Notices.success("Control " + saved.data().code() + " saved.");
            onSaved.run();
            close();
        });
        save.setId("org-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        getFooter().add(new Button("Cancel", e -> close()), save);
    }

    private static Select<Owner> categoryOwner(String label) {
        var select = new Select<Owner>();
        select.setLabel(label);
        select.setItems(Owner.values());
        select.setItemLabelGenerator(Owner::label);
        return select;
    }

    private static List<String> ids(String text) {
        return Arrays.stream(text.split("[,;\\s]+")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
