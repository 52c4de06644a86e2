package com.demarc.evidence.ui;

import com.demarc.evidence.EvidenceService;
import com.demarc.project.ProjectControlId;
import com.demarc.shared.ui.Notices;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.shared.Registration;

/** Adds evidence as a link (http or https) with what it shows and its validity. */
class EvidenceLinkForm extends Composite<Details> {

    EvidenceLinkForm(EvidenceService evidence, ProjectControlId control) {
        var linkTitle = new TextField("Title");
        linkTitle.setId("link-title");
        var url = new TextField("Link (http or https)");
        url.setId("link-url");
        url.setPlaceholder("https://");
        url.setWidth("28rem");
        var description = new TextArea("What it shows");
        var from = com.demarc.shared.ui.Dates.iso(new DatePicker("Valid from"));
        var until = com.demarc.shared.ui.Dates.iso(new DatePicker("Valid until"));
        var add = new Button("Add link", e -> {
            evidence.addLink(control, linkTitle.getValue(), url.getValue(), description.getValue(),
                    from.getValue(), until.getValue());
            Notices.success("Link added.");
            linkTitle.clear();
            url.clear();
            description.clear();
            fireEvent(new EvidenceChanged(this));
        });
        var row = new HorizontalLayout(linkTitle, url, from, until, add);
        row.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        row.setWrap(true);
        getContent().setSummaryText("Add evidence as a link");
        getContent().add(new VerticalLayout(row, description));
    }

    Registration addChangedListener(ComponentEventListener<EvidenceChanged> listener) {
        return addListener(EvidenceChanged.class, listener);
    }
}
