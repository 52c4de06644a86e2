package com.demarc.evidence.ui;

import com.demarc.evidence.EvidenceService;
import com.demarc.shared.ui.Notices;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.IFrame;
import com.vaadin.flow.component.html.Image;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.shared.Registration;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * One submitted version under review: what it is, a preview of the file (PNG/JPEG as an image, PDF framed from the
 * preview address, TXT as escaped text), a comment (required to reject) and Accept/Reject. A decision fires
 * {@link Decided} so the queue can move on to the next item.
 */
class ReviewPanel extends Composite<VerticalLayout> {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);
    private final EvidenceService evidence;

    ReviewPanel(EvidenceService evidence) {
        this.evidence = evidence;
        getContent().setId("review-panel");
        getContent().setPadding(false);
        getContent().add(new Paragraph("Nothing waits for review."));
    }

    void show(EvidenceService.ReviewItem r) {
        var box = getContent();
        box.removeAll();
        var v = r.version();
        var title = new H3(r.control().data().projectName() + " · " + r.control().data().code() + " · " + r.item().title());
        title.setId("review-title");
        title.getStyle().set("overflow-wrap", "anywhere");
        var facts = new Paragraph((v.isFile() ? v.fileName() + " · " + v.contentType() + " · " + v.size() + " bytes"
                : r.item().url()) + " · uploaded by " + v.uploadedBy() + " at " + WHEN.format(v.uploadedAt()));
        facts.getStyle().set("overflow-wrap", "anywhere");
        var open = new Anchor("evidence/" + r.control().id().value(), "Open the control's evidence page");
        var comment = new TextArea("Comment");
        comment.setId("review-comment");
        comment.setHelperText("Required to reject: say what the uploader should fix. The uploader sees it on their start page.");
        comment.setWidthFull();
        comment.setMaxLength(2000);
        comment.addValueChangeListener(e -> comment.setInvalid(false));
        var accept = new Button("Accept", e -> decide(r, true, comment));
        accept.setId("review-accept");
        accept.addThemeVariants(ButtonVariant.LUMO_SUCCESS, ButtonVariant.LUMO_PRIMARY);
        var reject = new Button("Reject", e -> decide(r, false, comment));
        reject.setId("review-reject");
        reject.addThemeVariants(ButtonVariant.LUMO_ERROR);
        box.add(title, facts, preview(r), comment, new HorizontalLayout(accept, reject), open);
    }

    private Component preview(EvidenceService.ReviewItem r) {
        var v = r.version();
        String src = "files/evidence/" + v.id() + "/preview";
        Component preview;
        if (!v.isFile()) {
            preview = new Paragraph(new Anchor(r.item().url(), "Open the link"), new com.vaadin.flow.component.html.Span(
                    " (a link: it opens in its own site)"));
        } else if (v.contentType().equals("image/png") || v.contentType().equals("image/jpeg")) {
            var image = new Image(src, "Preview of " + v.fileName());
            image.setMaxWidth("100%");
            image.setMaxHeight("32rem");
            preview = image;
        } else if (v.contentType().equals("application/pdf")) {
            var frame = new IFrame(src);
            frame.setTitle("Preview of " + v.fileName());
            frame.setWidthFull();
            frame.setHeight("32rem");
            preview = frame;
        } else if (v.contentType().startsWith("text/plain")) {
            // the file's text as text: Vaadin sends it as a text node, nothing in it is markup
            var text = new Pre(evidence.previewText(v.id()));
            text.getStyle().set("white-space", "pre-wrap").set("max-height", "32rem").set("overflow", "auto");
            preview = text;
        } else {
            preview = new Paragraph("No preview for " + v.contentType() + " files: download it from the control's evidence page.");
        }
        var holder = new Div(preview);
        holder.setId("review-preview");
        holder.setWidthFull();
        return holder;
    }

    private void decide(EvidenceService.ReviewItem r, boolean accept, TextArea comment) {
        if (!accept && comment.getValue().isBlank()) {
            comment.setErrorMessage("Say why the evidence is rejected, so the uploader can fix it.");
            comment.setInvalid(true);
            comment.focus();
            return;
        }
        evidence.review(r.version().id(), r.version().version(), accept, comment.getValue());
        Notices.success(accept ? "Accepted " + r.item().title() + "." : "Rejected " + r.item().title() + "; the uploader sees your comment.");
        fireEvent(new Decided(this));
    }

    Registration addDecidedListener(ComponentEventListener<Decided> listener) {
        return addListener(Decided.class, listener);
    }

    /** A version was accepted or rejected: the queue moves on. */
    static class Decided extends ComponentEvent<ReviewPanel> {
        Decided(ReviewPanel source) {
            super(source, false);
        }
    }
}
