package com.demarc.raci.ui;

import com.demarc.project.Project;
import com.demarc.project.ProjectId;
import com.demarc.project.ProjectService;
import com.demarc.raci.BulkResult;
import com.demarc.raci.RaciService;
import com.demarc.raci.RaciTemplate;
import com.demarc.shared.UserFacingException;
import com.demarc.shared.ui.Notices;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;

import java.util.Set;
import java.util.stream.Collectors;

/**
 * Save this project's RACI as a template; apply a template, or copy this project's RACI, to many projects —
 * previewing what changes, then applying all or nothing.
 */
class TemplateDialog extends Dialog {
    private final Div preview = new Div();

    TemplateDialog(RaciService raci, ProjectService projects, Project source, Runnable onDone) {
        setHeaderTitle("RACI templates");
        setWidth("48rem");

        var name = new TextField("Template name");
        name.setId("template-name");
        name.setHelperText("People are saved by name; " + source.teamName() + " is saved as \"the project's team\", "
                + "so the template fits any team's project.");
        name.setPlaceholder(source.name() + " RACI");
        var save = new Button("Save this project's RACI as a template", e -> {
            var t = raci.saveTemplate(source.id(), name.getValue());
            Notices.success("Template " + t.name() + " saved with " + t.entries() + " assignments.");
            close();
        });
        save.setId("template-save");
        var saveRow = new HorizontalLayout(name, save);
        saveRow.setAlignItems(HorizontalLayout.Alignment.BASELINE);

        var mode = new RadioButtonGroup<String>("Apply to other projects");
        mode.setItems("A template", "This project's RACI");
        mode.setValue("A template");
        var template = new Select<RaciTemplate>();
        template.setLabel("Template");
        template.setId("template-select");
        template.setItems(raci.templates());
        template.setItemLabelGenerator(t -> t.name() + " (" + t.entries() + " assignments)");
        mode.addValueChangeListener(e -> template.setVisible(e.getValue().equals("A template")));
        var targets = new MultiSelectComboBox<Project>("Projects");
        targets.setId("template-targets");
        targets.setItems(projects.findProjects("", false, 0, 10_000).stream()
                .filter(p -> !p.id().equals(source.id())).toList());
        targets.setItemLabelGenerator(p -> p.name() + " (" + p.teamName() + ")");
        targets.setWidthFull();

        var previewButton = new Button("Preview", e -> run(raci, mode.getValue(), template.getValue(), source, targets.getValue(), false, onDone));
        var apply = new Button("Apply", e -> {
            // a template that leaves controls unowned is applied only after the user saw which (issue 19)
            var preview = run(raci, mode.getValue(), template.getValue(), source, targets.getValue(), false, onDone);
            if (preview.unownedCount() == 0) {
                run(raci, mode.getValue(), template.getValue(), source, targets.getValue(), true, onDone);
                return;
            }
            var list = new UnorderedList();
            preview.unowned().stream().limit(20).forEach(l -> list.add(new ListItem(l)));
            if (preview.unownedCount() > 20) {
                list.add(new ListItem("… and " + (preview.unownedCount() - 20) + " more"));
            }
            var confirm = new com.vaadin.flow.component.confirmdialog.ConfirmDialog();
            confirm.setId("template-unowned-warning");
            confirm.setHeader(preview.unownedCount() + " control(s) would be left unowned");
            confirm.setText(new Div(new Paragraph("After applying, these customer or shared controls have no "
                    + "Accountable person or no Responsible. Apply anyway, or cancel and assign them first."), list));
            confirm.setCancelable(true);
            confirm.setConfirmText("Apply anyway");
            confirm.addConfirmListener(c -> run(raci, mode.getValue(), template.getValue(), source, targets.getValue(), true, onDone));
            confirm.open();
        });
        apply.setId("template-apply");
        apply.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        add(new H4("Save"), saveRow, new H4("Apply"), new Paragraph("Applying replaces the RACI of each control the "
                + "template covers; AWS-owned controls are skipped. One transaction: if any project cannot take it, "
                + "nothing changes."), mode, template, targets, new HorizontalLayout(previewButton, apply), preview);
        getFooter().add(new Button("Close", e -> close()));
    }

    private BulkResult run(RaciService raci, String mode, RaciTemplate template, Project source, Set<Project> targets,
                           boolean apply, Runnable onDone) {
        preview.removeAll();
        Set<ProjectId> ids = targets.stream().map(Project::id).collect(Collectors.toSet());
        BulkResult result;
        if (mode.equals("A template")) {
            if (template == null) {
                throw new UserFacingException("Choose a template.");
            }
            result = apply ? raci.applyTemplate(template.id(), ids) : raci.previewTemplate(template.id(), ids);
        } else {
            result = apply ? raci.copyRaci(source.id(), ids) : raci.previewCopy(source.id(), ids);
        }
        var list = new UnorderedList();
        result.lines().stream().limit(50).forEach(l -> list.add(new ListItem(l)));
        var summary = new Paragraph((apply ? "Done: " : "Would change: ") + result.summary()
                + (result.unownedCount() == 0 ? "" : " " + result.unownedCount() + " control(s) "
                + (apply ? "are" : "would be") + " left unowned."));
        summary.setId("template-summary");
        preview.add(summary, list);
        if (apply) {
            Notices.success(result.summary());
            onDone.run();
        }
        return result;
    }
}
