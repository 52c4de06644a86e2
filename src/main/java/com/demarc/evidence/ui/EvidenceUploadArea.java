package com.demarc.evidence.ui;

import com.demarc.evidence.EvidenceService;
import com.demarc.project.ProjectControlId;
import com.demarc.shared.UserFacingException;
import com.demarc.shared.ui.Dates;
import com.demarc.shared.ui.Notices;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.shared.Registration;


/** Uploads new evidence files for one project control (several at once, drag and drop), with their validity. */
class EvidenceUploadArea extends Composite<VerticalLayout> {
    private final ReadableDate from;

    EvidenceUploadArea(EvidenceService evidence, ProjectControlId control) {
        from = new ReadableDate("Valid from");
        var until = new ReadableDate("Valid until");
        from.picker().setId("upload-valid-from");
        until.picker().setId("upload-valid-until");
        until.picker().setHelperText("When it stops proving the control; flagged 30 days before");
        var handler = new EvidenceUploadHandler(evidence, control, null, from::value, until::value,
                item -> {
                    Notices.success("Uploaded " + item.current().fileName() + " — SHA-256 " + item.current().sha256());
                    fireEvent(new EvidenceChanged(this));
                });
        // an unreadable validity date refuses the file before a byte is stored; the message is on the field
        handler.refuseWhen(() -> from.unreadable() || until.unreadable() ? "The validity date could not be read: "
                + Dates.BAD_INPUT + " Nothing was stored." : null);
        var upload = new Upload(handler);
        upload.setId("evidence-upload");
        upload.setMaxFiles(20);
        upload.setMaxFileSize((int) Math.min(Integer.MAX_VALUE, evidence.maxFileSize()));
        upload.setAcceptedFileTypes(".pdf", ".png", ".jpg", ".jpeg", ".txt", ".csv", ".json", ".xlsx", ".docx", ".zip", ".log");
        upload.addFileRejectedListener(e -> Notices.error(new UserFacingException(e.getFileName() + " was refused: "
                + e.getErrorMessage() + ". Files up to " + (evidence.maxFileSize() / (1024 * 1024)) + " MB of type PDF, PNG, "
                + "JPEG, TXT, CSV, JSON, XLSX, DOCX, ZIP or LOG are accepted.")));
        var help = new Paragraph("Drop files here or choose them (several at once). Each file becomes an evidence item, "
                + "checked by its content (not its name), hashed with SHA-256 and submitted for review.");
        getContent().setPadding(false);
        getContent().add(new H3("Upload files"), help, new HorizontalLayout(from.picker(), until.picker()), upload);
    }

    Registration addChangedListener(ComponentEventListener<EvidenceChanged> listener) {
        return addListener(EvidenceChanged.class, listener);
    }

    /** Brings the upload into view with the cursor on its first field (a dashboard gap list sent the user here). */
    void pointHere() {
        getContent().addClassName("fix-here");
        getContent().getStyle().set("outline", "2px solid var(--lumo-primary-color)").set("outline-offset", "var(--lumo-space-xs)");
        getElement().executeJs("this.scrollIntoView({block: 'center'})");
        from.picker().focus();
    }
}
