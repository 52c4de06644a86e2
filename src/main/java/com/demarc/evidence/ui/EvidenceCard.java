package com.demarc.evidence.ui;

import com.demarc.evidence.EvidenceItem;
import com.demarc.evidence.EvidenceService;
import com.demarc.evidence.EvidenceVersion;
import com.demarc.evidence.ReviewState;
import com.demarc.project.ProjectControlId;
import com.demarc.shared.UserFacingException;
import com.demarc.shared.ui.Badge;
import com.demarc.shared.ui.Notices;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.shared.Registration;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * One evidence item: its file (name, type, size, SHA-256) or link, validity, review, earlier versions, and what the
 * user may do with it (download, verify, review, upload a new version, delete).
 */
class EvidenceCard extends Composite<Div> {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private final EvidenceService evidence;
    private final ProjectControlId control;

    /** @param canEdit may upload new versions and delete; @param canReview may accept or reject */
    EvidenceCard(EvidenceService evidence, ProjectControlId control, EvidenceItem item, LocalDate today, boolean canEdit,
                 boolean canReview) {
        this.evidence = evidence;
        this.control = control;
        var v = item.current();
        var box = getContent();
        box.addClassName("half");
        box.setWidthFull();
        box.getStyle().set("box-sizing", "border-box"); // full width includes its padding and border: no sideways scroll
        var title = new Span(item.title());
        // long file names (titles default to them) wrap inside the card instead of running off the screen
        title.getStyle().set("overflow-wrap", "anywhere").set("min-width", "0");
        var head = new HorizontalLayout(title, reviewBadge(v));
        head.setAlignItems(FlexComponent.Alignment.CENTER);
        head.setWrap(true);
        head.setWidthFull();
        if (item.expired(today)) {
            head.add(Badge.of("Expired " + item.validUntil(), "unowned"));
        } else if (item.expiringSoon(today)) {
            head.add(Badge.of("Expires " + item.validUntil(), "owner-shared"));
        } else if (item.validUntil() != null) {
            head.add(new Span("valid until " + item.validUntil()));
        }
        box.add(head);
        if (v.isFile()) {
            var facts = new Paragraph(v.fileName() + " · " + v.contentType() + " · " + v.size() + " bytes · version "
                    + v.number() + " · uploaded by " + v.uploadedBy() + " at " + WHEN.format(v.uploadedAt()));
            facts.getStyle().set("overflow-wrap", "anywhere");
            var sha = new Span("SHA-256 " + v.sha256());
            sha.addClassName("sha256");
            sha.getStyle().set("font-family", "monospace").set("word-break", "break-all");
            box.add(facts, sha);
        } else {
            box.add(new Paragraph(new Anchor(item.url(), item.url()), new Span(item.description().isBlank() ? ""
                    : " — " + item.description())));
        }
        if (v.reviewState() != ReviewState.SUBMITTED) {
            box.add(new Paragraph(v.reviewState().label() + " by " + v.reviewedBy() + " at " + WHEN.format(v.reviewedAt())
                    + (v.reviewComment() == null || v.reviewComment().isBlank() ? "" : ": " + v.reviewComment())));
        }
        box.add(actions(item, v, canEdit, canReview));
        if (item.versions().size() > 1) {
            var older = new VerticalLayout();
            older.setPadding(false);
            older.getStyle().set("overflow-wrap", "anywhere");
            item.versions().stream().skip(1).forEach(o -> older.add(new Span("Version " + o.number() + ": "
                    + o.fileName() + " · " + (o.reviewState() == ReviewState.SUBMITTED ? "superseded before review"
                    : o.reviewState().label()) + " · SHA-256 " + o.sha256() + " "),
                    com.demarc.shared.ui.Downloads.fileLink("files/evidence/" + o.id(), "download")));
            box.add(new Details("Earlier versions (" + (item.versions().size() - 1) + ")", older));
        }
    }

    Registration addChangedListener(ComponentEventListener<EvidenceChanged> listener) {
        return addListener(EvidenceChanged.class, listener);
    }

    private Component actions(EvidenceItem item, EvidenceVersion v, boolean canEdit, boolean canReview) {
        var bar = new HorizontalLayout();
        bar.setAlignItems(FlexComponent.Alignment.BASELINE);
        if (v.isFile()) {
            var download = com.demarc.shared.ui.Downloads.fileLink("files/evidence/" + v.id(), "Download");
            download.addClassName("download-link");
            bar.add(download);
            var verify = new Button("Verify", e -> {
                var result = evidence.verify(v.id());
                if (result.intact()) {
                    Notices.success("Intact: the stored file still has SHA-256 " + result.actualSha256() + ".");
                } else {
                    Notices.error(new UserFacingException("The stored file does not match its recorded SHA-256 ("
                            + result.actualSha256() + " instead of " + result.expectedSha256() + ")."));
                }
            });
            verify.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
            bar.add(verify);
        }
        if (v.reviewState() == ReviewState.SUBMITTED && canReview) {
            var comment = new TextField();
            comment.setPlaceholder("Comment (required to reject)");
            var accept = new Button("Accept", e -> review(v, true, comment.getValue()));
            accept.addThemeVariants(ButtonVariant.LUMO_SUCCESS);
            accept.addClassName("accept");
            var reject = new Button("Reject", e -> review(v, false, comment.getValue()));
            reject.addThemeVariants(ButtonVariant.LUMO_ERROR);
            bar.add(comment, accept, reject);
        }
        if (canEdit) {
            if (v.isFile()) {
                var next = new Upload(new EvidenceUploadHandler(evidence, control, item.id(), () -> null, () -> null,
                        stored -> {
                            Notices.success("New version uploaded.");
                            fireEvent(new EvidenceChanged(this));
                        }));
                next.setMaxFiles(1);
                next.setDropAllowed(false);
                next.setUploadButton(new Button("Upload new version"));
                bar.add(next);
            }
            var delete = new Button("Delete", e -> com.demarc.shared.ui.Confirm.destructive("Delete " + item.title() + "?",
                    "The evidence and its versions leave this control; the audit log keeps the record of the deletion.",
                    "Delete", () -> {
                        evidence.delete(item.id());
                        Notices.success("Deleted " + item.title() + ".");
                        fireEvent(new EvidenceChanged(this));
                    }));
            delete.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ERROR);
            bar.add(delete);
        }
        return bar;
    }

    private void review(EvidenceVersion v, boolean accept, String comment) {
        evidence.review(v.id(), v.version(), accept, comment);
        Notices.success(accept ? "Accepted." : "Rejected; the uploader sees your comment.");
        fireEvent(new EvidenceChanged(this));
    }

    private static Span reviewBadge(EvidenceVersion v) {
        String style = switch (v.reviewState()) {
            case ACCEPTED -> "owner-aws";
            case REJECTED -> "unowned";
            case SUBMITTED -> "owner-customer";
        };
        var badge = Badge.of(v.reviewState().label(), style);
        badge.addClassName("review-state");
        return badge;
    }
}
