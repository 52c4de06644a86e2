package com.demarc.oscal.ui;

import com.demarc.catalog.CatalogService;
import com.demarc.catalog.ResponsibilityModel;
import com.demarc.oscal.OscalFile;
import com.demarc.oscal.OscalFormat;
import com.demarc.oscal.OscalImportReport;
import com.demarc.oscal.OscalService;
import com.demarc.project.Project;
import com.demarc.project.ProjectId;
import com.demarc.project.ProjectService;
import com.demarc.shared.Actors;
import com.demarc.shared.Permissions;
import com.demarc.shared.UserFacingException;
import com.demarc.shared.ui.Notices;
import com.demarc.shared.ui.RefusingUploadHandler;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;
import com.vaadin.flow.server.streams.UploadEvent;
import jakarta.annotation.security.PermitAll;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.util.unit.DataSize;

import java.io.ByteArrayInputStream;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * OSCAL downloads and import: {@code oscal?project=<id>} offers the project's SSP, {@code oscal} (or
 * {@code ?model=<id>}) each catalog version as catalog, profile and AWS component definition, and managers import.
 * Linked from the project page and the catalog versions page by URL only (no module depends on this one).
 */
@Route("oscal")
@PageTitle("OSCAL")
@PermitAll
class OscalView extends VerticalLayout implements BeforeEnterObserver {
    private final OscalService oscal;
    private final CatalogService catalog;
    private final ProjectService projects;
    private final long maxImportSize;

    OscalView(OscalService oscal, CatalogService catalog, ProjectService projects,
              @Value("${demarc.catalog.max-import-size:5MB}") DataSize maxImportSize) {
        this.oscal = oscal;
        this.catalog = catalog;
        this.projects = projects;
        this.maxImportSize = maxImportSize.toBytes();
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        removeAll();
        var params = event.getLocation().getQueryParameters().getParameters();
        var project = params.getOrDefault("project", java.util.List.of());
        if (!project.isEmpty()) {
            long id;
            try {
                id = Long.parseLong(project.getFirst());
            } catch (NumberFormatException e) {
                throw new UserFacingException("That is not a project: open OSCAL from a project's page.");
            }
            showProject(projects.project(new ProjectId(id)));
        } else {
            showCatalog();
        }
    }

    private void showProject(Project p) {
        add(new Anchor("projects/" + p.id().value(), "← " + p.name()), new H2("OSCAL system security plan: " + p.name()),
                new Paragraph("The project as an OSCAL 1.1 system security plan: parties and RACI roles, AWS accounts "
                        + "and services, AWS as a leveraged authorization, one implemented requirement per applicable "
                        + "control (customer part by this system, AWS's inherited, shared ones inherited and satisfied) "
                        + "and each accepted, valid evidence file with its SHA-256. Its profile and catalog are on the "
                        + "catalog's OSCAL page."));
        var links = new HorizontalLayout();
        for (OscalFormat format : OscalFormat.values()) {
            links.add(download("SSP (" + format + ")", () -> oscal.exportSsp(p.id(), format)));
        }
        add(links, new Anchor("oscal?model=" + p.modelId().value(), "Catalog, profile and AWS component definition of "
                + p.modelLabel()));
    }

    private void showCatalog() {
        add(new Anchor("catalog/versions", "← Catalog versions"), new H2("OSCAL: catalog versions"),
                new Paragraph("Each version as an OSCAL catalog (controls grouped by domain, the customer's and AWS's "
                        + "parts, CSA CCM and NIST 800-53 ids), a profile selecting all of it, and AWS as a component "
                        + "definition: what AWS provides and what it leaves to the customer, per service category."));
        for (ResponsibilityModel m : catalog.models()) {
            add(new H3(m.label()));
            var row = new HorizontalLayout();
            for (var kind : OscalService.CatalogDocument.values()) {
                for (OscalFormat format : OscalFormat.values()) {
                    row.add(download(label(kind) + " (" + format + ")", () -> oscal.exportCatalog(m.id(), kind, format)));
                }
            }
            row.setWrap(true);
            add(row);
        }
        if (Actors.current().map(u -> u.getAuthorities().stream()
                .anyMatch(a -> a.getAuthority().equals(Permissions.CATALOG_EDIT))).orElse(false)) {
            add(new H3("Import an OSCAL catalog or profile"), importer());
        }
    }

    private static String label(OscalService.CatalogDocument kind) {
        return switch (kind) {
            case CATALOG -> "Catalog";
            case PROFILE -> "Profile";
            case COMPONENT_DEFINITION -> "AWS component definition";
        };
    }

    private static Anchor download(String text, Supplier<OscalFile> export) {
        var anchor = new Anchor(DownloadHandler.fromInputStream(event -> {
            OscalFile file = export.get();
            return new DownloadResponse(new ByteArrayInputStream(file.bytes()), file.fileName(),
                    file.format().contentType(), file.bytes().length);
        }), text);
        return anchor;
    }

    private VerticalLayout importer() {
        long max = maxImportSize;
        var report = new VerticalLayout();
        report.setPadding(false);
        var upload = new Upload(new RefusingUploadHandler("The upload was interrupted: nothing was imported. Import "
                + "the file again.") {
            @Override
            protected void receive(UploadEvent event) throws java.io.IOException {
                UI ui = event.getUI();
                String fileName = event.getFileName() == null ? "" : event.getFileName().toLowerCase(Locale.ROOT);
                if (event.getFileSize() > max) {
                    throw tooLarge(max);
                }
                byte[] bytes;
                try (var in = event.getInputStream()) {
                    bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
                }
                if (bytes.length > max) {
                    throw tooLarge(max);
                }
                ui.access(() -> show(report, oscal.importDocument(fileName, bytes)));
            }

            @Override
            public long getFileSizeMax() {
                return max;
            }
        });
        upload.setAcceptedFileTypes(".json", ".xml", ".yaml", ".yml");
        upload.setMaxFileSize((int) Math.min(Integer.MAX_VALUE, max));
        upload.setMaxFiles(1);
        upload.addFileRejectedListener(e -> Notices.error(new UserFacingException("That file was refused ("
                + e.getErrorMessage() + "): import an OSCAL .json, .xml or .yaml file under " + (max >> 20) + " MB.")));
        var box = new VerticalLayout(new Paragraph("An OSCAL catalog becomes a new version (groups → domains, "
                + "controls → controls; owners from Demarc's props, else Customer). A profile selects controls of the "
                + "version it names (else the newest). The file is validated first; nothing is imported if it is "
                + "invalid, and the report lists what could not be mapped."), upload, report);
        box.setPadding(false);
        return box;
    }

    private void show(VerticalLayout report, OscalImportReport result) {
        report.removeAll();
        Notices.success("Imported " + result.model().label() + " (" + result.controls() + " controls).");
        if (result.notMapped().isEmpty()) {
            report.add(new Paragraph("Everything in the file was mapped."));
        } else {
            var list = new UnorderedList();
            result.notMapped().stream().limit(200).forEach(l -> list.add(new ListItem(l)));
            report.add(new Paragraph("Not mapped (" + result.notMapped().size() + "):"), list);
        }
    }

    private static UserFacingException tooLarge(long max) {
        return new UserFacingException("The file is larger than " + (max >> 20) + " MB (demarc.catalog.max-import-size): "
                + "nothing was imported. Import a smaller OSCAL file.");
    }
}
