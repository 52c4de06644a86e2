package com.demarc.evidence.ui;

import com.demarc.evidence.AuditPackageService;
import com.demarc.evidence.PackageReport;
import com.demarc.project.Project;
import com.demarc.project.ProjectService;
import com.demarc.shared.UserFacingException;
import com.demarc.shared.ui.Notices;
import com.demarc.shared.ui.RefusingUploadHandler;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.UploadEvent;
import jakarta.annotation.security.RolesAllowed;

/** Auditors and managers download a project's audit package, and verify a package they hold against its manifest. */
@Route("audit-packages")
@PageTitle("Audit packages")
@Menu(title = "Audit packages", order = 32, icon = "vaadin:package")
@RolesAllowed({"MANAGER", "AUDITOR"})
class AuditPackageView extends VerticalLayout {
    private final Div report = new Div();

    AuditPackageView(AuditPackageService packages, ProjectService projects) {
        var project = new Select<Project>();
        project.setLabel("Project");
        project.setId("package-project");
        project.setItems(projects.findProjects("", false, 0, 10_000));
        project.setItemLabelGenerator(p -> p.name() + " (" + p.teamName() + ")");
        var download = com.demarc.shared.ui.Downloads.fileLink("", "Download audit package (ZIP)");
        download.setId("package-download");
        download.setEnabled(false);
        // an inactive link says so to assistive technology (and is exempt from the contrast rule, as WCAG 1.4.3 allows)
        download.getElement().setAttribute("aria-disabled", "true");
        project.addValueChangeListener(e -> {
            download.setHref(e.getValue() == null ? "" : "files/audit-package/" + e.getValue().id().value());
            download.setEnabled(e.getValue() != null);
            download.getElement().setAttribute("aria-disabled", String.valueOf(e.getValue() == null));
        });
        long maxSize = packages.maxPackageSize();
        var verify = new Upload(new RefusingUploadHandler("The upload was interrupted: try again.") {
            @Override
            protected void receive(UploadEvent event) throws java.io.IOException {
                UI ui = event.getUI();
                if (event.getFileSize() > maxSize) {
                    throw tooLarge(maxSize);
                }
                // the service spools the stream to a temporary file, stops at the limit and deletes it in any case
                try (var in = event.getInputStream()) {
                    PackageReport result = packages.verify(in);
                    ui.access(() -> show(result));
                }
            }

            @Override
            public long getFileSizeMax() {
                return maxSize;
            }
        });
        verify.setMaxFileSize((int) Math.min(Integer.MAX_VALUE, maxSize));
        verify.addFileRejectedListener(e -> Notices.error(tooLarge(maxSize)));
        verify.setId("package-verify");
        verify.setMaxFiles(1);
        verify.setAcceptedFileTypes(".zip");
        report.setId("package-report");
        add(new Paragraph("An audit package holds the project's current accepted, unexpired evidence in a folder per "
                + "control, the AWS attestations of its inherited controls, and a manifest (CSV and JSON) of every "
                + "control with owner, RACI, status, file, size, SHA-256, uploader and reviewer."),
                project, download, new H3("Verify a package"),
                new Paragraph("Drop an audit package here to check its signature, and every file against its manifest and against the hashes Demarc stored."), verify, report);
    }

    private static UserFacingException tooLarge(long maxSize) {
        return new UserFacingException("The package is larger than " + (maxSize >> 20) + " MB "
                + "(demarc.evidence.max-package-size): it was not verified. Verify a package exported for fewer controls.");
    }

    private void show(PackageReport result) {
        report.removeAll();
        if (result.ok()) {
            report.add(new Paragraph("Verified: the manifest is signed by this Demarc (audit key " + result.keyId()
                    + "), and all " + result.filesChecked() + " files match the manifest and the hashes Demarc stored."));
            return;
        }
        var list = new UnorderedList();
        result.problems().forEach(p -> list.add(new ListItem(p)));
        report.add(new Paragraph("Does not verify: " + result.problems().size() + " problem(s) in "
                + result.filesChecked() + " files listed" + (result.signatureValid() ? "." : "; the manifest's signature "
                + "does not prove it came from this Demarc.")), list);
    }
}
