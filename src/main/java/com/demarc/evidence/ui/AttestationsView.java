package com.demarc.evidence.ui;

import com.demarc.catalog.CatalogService;
import com.demarc.catalog.Control;
import com.demarc.catalog.Owner;
import com.demarc.evidence.Attestation;
import com.demarc.evidence.AttestationService;
import com.demarc.shared.Actors;
import com.demarc.shared.Permissions;
import com.demarc.shared.UserFacingException;
import com.demarc.shared.ui.Notices;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;

import java.io.IOException;
import java.util.List;
import java.util.stream.Collectors;

/** AWS reports (SOC 2, ISO 27001, PCI DSS AOC…) recorded once and linked to AWS-owned controls across projects. */
@Route("attestations")
@PageTitle("AWS attestations")
@Menu(title = "AWS attestations", order = 31, icon = "vaadin:diploma")
@PermitAll
class AttestationsView extends VerticalLayout {
    private final AttestationService attestations;
    private final CatalogService catalog;
    private final Grid<Attestation> grid = new Grid<>();

    AttestationsView(AttestationService attestations, CatalogService catalog) {
        this.attestations = attestations;
        this.catalog = catalog;
        setSizeFull();
        add(new Paragraph("AWS-owned controls are inherited: they count as covered while a valid AWS report is linked to "
                + "them. Record each report once and link it to the controls it covers in every project."));
        boolean manager = Actors.current().map(u -> u.getAuthorities().stream()
                .anyMatch(a -> a.getAuthority().equals(Permissions.EVIDENCE_REVIEW))).orElse(false);
        if (manager) {
            var add = new Button("New attestation", VaadinIcon.PLUS.create(), e -> create());
            add.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            add(add);
        }
        grid.setId("attestations-grid");
        grid.addColumn(Attestation::reportType).setHeader("Type").setAutoWidth(true);
        grid.addColumn(Attestation::name).setHeader("Report").setFlexGrow(2);
        grid.addColumn(a -> a.periodFrom() + " – " + a.periodTo()).setHeader("Period").setAutoWidth(true);
        grid.addColumn(Attestation::validUntil).setHeader("Valid until").setAutoWidth(true);
        grid.addColumn(Attestation::linkedControls).setHeader("Linked controls").setAutoWidth(true);
        grid.addComponentColumn(a -> a.sha256() != null ? com.demarc.shared.ui.Downloads.fileLink("files/attestations/" + a.id(), "Download")
                : new Anchor(a.url(), "Open")).setHeader("Report file").setAutoWidth(true);
        if (manager) {
            grid.addComponentColumn(a -> new Button("Link to controls…", e -> link(a))).setAutoWidth(true);
        }
        // Reports are few (a handful per year).
        grid.setItems(attestations.attestations());
        add(grid);
    }

    private void create() {
        var dialog = new Dialog("New AWS attestation");
        var name = new TextField("Name");
        name.setPlaceholder("AWS SOC 2 Type II, Oct 2025 – Mar 2026");
        var type = new TextField("Report type");
        type.setValue("SOC 2 Type II");
        var from = com.demarc.shared.ui.Dates.iso(new DatePicker("Period from"));
        var to = com.demarc.shared.ui.Dates.iso(new DatePicker("Period to"));
        var until = com.demarc.shared.ui.Dates.iso(new DatePicker("Valid until"));
        var url = new TextField("Link (optional if you attach the file)");
        var report = new ReportFileHandler(attestations.maxFileSize());
        var upload = new Upload(report);
        upload.setMaxFiles(1);
        upload.addFileRemovedListener(e -> report.discard());
        dialog.addOpenedChangeListener(e -> {
            if (!e.isOpened()) {
                report.discard();
            }
        });
        dialog.add(new FormLayout(name, type, from, to, until, url), upload);
        var save = new Button("Save", e -> {
            try (var in = report.open()) {
                attestations.create(name.getValue(), type.getValue(), from.getValue(), to.getValue(), until.getValue(),
                        url.getValue(), report.fileName(), in);
                Notices.success("Attestation saved. Now link it to the controls it covers.");
                grid.setItems(attestations.attestations());
                dialog.close();
            } catch (IOException ex) {
                throw new UserFacingException("The file could not be read: upload it again.");
            }
        });
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), save);
        dialog.open();
    }

    private void link(Attestation attestation) {
        var dialog = new Dialog("Link " + attestation.name());
        var model = catalog.latestModel();
        List<Control> aws = catalog.controlsFor(model.id()).stream()
                .filter(c -> c.data().defaultOwner() == Owner.AWS || c.data().infrastructure() == Owner.AWS
                        || c.data().container() == Owner.AWS || c.data().abstracted() == Owner.AWS).toList();
        var controls = new MultiSelectComboBox<Control>("AWS controls the report covers");
        controls.setItems(aws);
        controls.setItemLabelGenerator(c -> c.data().code() + " " + c.data().title());
        controls.setWidthFull();
        var allAws = new Button("Select all AWS-owned", e -> controls.setValue(aws.stream()
                .filter(c -> c.data().defaultOwner() == Owner.AWS).collect(Collectors.toSet())));
        dialog.add(new Paragraph("Links go to every project where the control is AWS's."), controls, allAws);
        dialog.setWidth("40rem");
        var save = new Button("Link", e -> {
            int n = attestations.link(attestation.id(), controls.getValue().stream().map(control -> control.data().code()).toList(), List.of());
            Notices.success("Linked to " + n + " project control(s).");
            grid.setItems(attestations.attestations());
            dialog.close();
        });
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), save);
        dialog.open();
    }
}
