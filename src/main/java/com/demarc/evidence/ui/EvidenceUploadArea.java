package com.demarc.evidence.ui;

import com.demarc.evidence.EvidenceService;
import com.demarc.project.ProjectControlId;
import com.demarc.shared.UserFacingException;
import com.demarc.shared.ui.Notices;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.shared.Registration;

import java.time.LocalDate;

/** Uploads new evidence files for one project control (several at once, drag and drop), with their validity. */
class EvidenceUploadArea extends Composite<VerticalLayout> {
    private volatile LocalDate uploadFrom;
    private volatile LocalDate uploadUntil;
    private final DatePicker from;

    EvidenceUploadArea(EvidenceService evidence, ProjectControlId control) {
        from = com.demarc.shared.ui.Dates.iso(new DatePicker("Valid from"));
        var until = com.demarc.shared.ui.Dates.iso(new DatePicker("Valid until"));
        until.setHelperText("When it stops proving the control; flagged 30 days before");
        from.addValueChangeListener(e -> uploadFrom = e.getValue());
        until.addValueChangeListener(e -> uploadUntil = e.getValue());
        var upload = new Upload(new EvidenceUploadHandler(evidence, control, null, () -> uploadFrom, () -> uploadUntil,
                item -> {
                    Notices.success("Uploaded " + item.current().fileName() + " — SHA-256 " + item.current().sha256());
                    fireEvent(new EvidenceChanged(this));
                }));
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
        getContent().add(new H3("Upload files"), help, new HorizontalLayout(from, until), upload);
    }

    /** Brings the upload into view with the cursor on its first field (a dashboard gap list sent the user here). */
    void pointHere() {
        getContent().addClassName("fix-here");
        getContent().getStyle().set("outline", "2px solid var(--lumo-primary-color)").set("outline-offset", "var(--lumo-space-xs)");
        getElement().executeJs("this.scrollIntoView({block: 'center'})");
        from.focus();
    }

    Registration addChangedListener(ComponentEventListener<EvidenceChanged> listener) {
        return addListener(EvidenceChanged.class, listener);
    }
}
