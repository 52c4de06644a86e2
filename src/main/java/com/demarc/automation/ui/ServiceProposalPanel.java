package com.demarc.automation.ui;

import com.demarc.automation.ServiceProposal;
import com.demarc.automation.ServiceProposalService;
import com.demarc.catalog.AwsService;
import com.demarc.project.ProjectId;
import com.demarc.shared.ui.Notices;
import com.demarc.shared.ui.RefusingUploadHandler;
import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.server.streams.UploadEvent;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Upload of AWS Config's discovered resource counts for one project: shows the services to add and remove, the
 * resource types without a catalog service or unknown, which controls change owner, and accepts the proposal.
 */
class ServiceProposalPanel extends Composite<VerticalLayout> {
    private final ServiceProposalService proposals;
    private final ProjectId project;
    private final Div result = new Div();

    ServiceProposalPanel(ServiceProposalService proposals, ProjectId project) {
        this.proposals = proposals;
        this.project = project;
        var layout = getContent();
        layout.setPadding(false);
        layout.setId("service-proposal-panel");
        var upload = new Upload(new RefusingUploadHandler("The upload was interrupted: nothing changed. Try again.") {
            @Override
            protected void receive(UploadEvent event) throws IOException {
                try (var in = event.getInputStream()) {
                    var proposal = proposals.proposeServices(project, in);
                    later(event.getUI(), () -> show(proposal));
                }
            }
        });
        upload.setId("resource-counts-upload");
        upload.setMaxFiles(1);
        upload.setAcceptedFileTypes(".json", "application/json");
        upload.setDropLabel(new Span("Drop a resource-counts file here"));
        result.setId("service-proposal");
        layout.add(new H3("AWS services from AWS Config"), new Paragraph("Which services does this project really use? "
                        + "Upload AWS Config's resource counts for its account; Demarc proposes the services to add and "
                        + "remove, and shows which controls change owner before anything changes."),
                new Pre("aws configservice get-discovered-resource-counts > resource-counts.json"), upload, result);
    }

    private void show(ServiceProposal p) {
        result.removeAll();
        var summary = new Paragraph(p.resourcesCounted() + " resources counted (resource-type mapping " + p.mappingVersion()
                + "): " + (p.changes() ? p.add().size() + " service(s) to add, " + p.remove().size() + " to remove"
                : "the project's services already match") + ", " + p.keep().size() + " confirmed.");
        summary.setId("proposal-summary");
        result.add(summary);
        section("proposal-add", "Add", p.add().stream().map(ServiceProposal.ServiceUse::describe).toList());
        section("proposal-remove", "Remove (AWS Config counted no resources)",
                p.remove().stream().map(AwsService::name).toList());
        section("proposal-keep", "Keep", p.keep().stream().map(ServiceProposal.ServiceUse::describe).toList());
        section("proposal-no-service", "Resource types of services the catalog does not list (no effect on owners)",
                counts(p.withoutService()));
        section("proposal-unknown", "Resource types the mapping does not know (check them and tell a catalog maintainer)",
                counts(p.unknownTypes()));
        if (!p.changes()) {
            return;
        }
        var preview = new Div();
        preview.setId("proposal-owner-preview");
        if (p.ownerChanges().isEmpty()) {
            preview.add(new Paragraph("No control changes owner with these services."));
        } else {
            var list = new UnorderedList();
            p.ownerChanges().forEach(c -> list.add(new ListItem(c.describe())));
            preview.add(new H4("Accepting changes the owner of " + p.ownerChanges().size() + " control(s)"), list);
        }
        var accept = new Button("Accept proposal", e -> {
            var saved = proposals.acceptServices(project, p.projectVersion(), p.proposed());
            Notices.success(saved.name() + " now uses " + saved.services().size() + " AWS services.");
            getUI().ifPresent(ui -> ui.getPage().reload());
        });
        accept.setId("accept-services");
        accept.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        result.add(preview, accept);
    }

    private void section(String id, String heading, List<String> items) {
        if (items.isEmpty()) {
            return;
        }
        var list = new UnorderedList();
        list.setId(id);
        items.forEach(i -> list.add(new ListItem(i)));
        result.add(new H4(heading), list);
    }

    private static List<String> counts(Map<String, Long> counts) {
        return counts.entrySet().stream().map(e -> e.getKey() + " (" + e.getValue() + ")").toList();
    }
}
