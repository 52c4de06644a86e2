package com.demarc.evidence.ui;

import com.demarc.catalog.Owner;
import com.demarc.evidence.Attestation;
import com.demarc.evidence.EvidenceItem;
import com.demarc.evidence.EvidenceService;
import com.demarc.evidence.EvidenceVersion;
import com.demarc.evidence.ReviewState;
import com.demarc.project.ProjectControl;
import com.demarc.project.ProjectControlId;
import com.demarc.project.ProjectService;
import com.demarc.shared.Actors;
import com.demarc.shared.Permissions;
import com.demarc.shared.UserFacingException;
import com.demarc.shared.ui.Badge;
import com.demarc.shared.ui.Notices;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.router.BeforeEvent;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.HasUrlParameter;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;
import org.springframework.security.access.AccessDeniedException;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The evidence of one project control: upload files (several at once, drag and drop, progress, cancel) or add a
 * link; see each file's SHA-256, versions, validity and review; verify, download, review, delete.
 */
@Route("evidence")
@PermitAll
class EvidenceView extends VerticalLayout implements HasUrlParameter<Long>, HasDynamicTitle {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private final EvidenceService evidence;
    private final ProjectService projects;
    private final VerticalLayout items = new VerticalLayout();
    private ProjectControl control;
    private String title = "Evidence";
    private volatile LocalDate uploadFrom;
    private volatile LocalDate uploadUntil;

    EvidenceView(EvidenceService evidence, ProjectService projects) {
        this.evidence = evidence;
        this.projects = projects;
        setId("evidence-view");
        setMaxWidth("80rem");
        items.setPadding(false);
        items.setId("evidence-items");
    }

    @Override
    public void setParameter(BeforeEvent event, Long id) {
        removeAll();
        try {
            control = projects.control(new ProjectControlId(id));
        } catch (AccessDeniedException | UserFacingException | java.util.NoSuchElementException e) {
            add(new H2("Evidence not available"), new Paragraph("This control does not exist or belongs to a team you "
                    + "are not in."), new Anchor("", "Back to your start page"));
            return;
        }
        title = control.data().code() + " · " + control.data().projectName();
        var heading = new H2(control.data().code() + " " + control.data().title());
        heading.setId("evidence-title");
        var meta = new HorizontalLayout(new Anchor("projects/" + control.data().projectId().value(), control.data().projectName()),
                Badge.owner(control.data().owner().label(), control.data().owner().name()), new Span(control.data().status().label()));
        meta.setAlignItems(FlexComponent.Alignment.CENTER);
        add(heading, meta);
        boolean canUpload = can(Permissions.EVIDENCE_UPLOAD) && projects.canEdit(control.data().projectId())
                && control.needsRaci();
        if (control.data().owner() == Owner.AWS) {
            add(new Paragraph("AWS owns this control for this project. It is evidenced by AWS attestations (e.g. SOC 2 "
                    + "reports from AWS Artifact), which compliance managers link on the Attestations page."));
            add(attestations());
        } else if (canUpload) {
            add(uploadArea(), linkForm());
        }
        add(new H3("Evidence"), items);
        refresh();
    }

    private Component uploadArea() {
        var from = new DatePicker("Valid from");
        var until = new DatePicker("Valid until");
        until.setHelperText("When it stops proving the control; flagged 30 days before");
        from.addValueChangeListener(e -> uploadFrom = e.getValue());
        until.addValueChangeListener(e -> uploadUntil = e.getValue());
        var upload = new Upload(new EvidenceUploadHandler(evidence, control.id(), null, () -> uploadFrom, () -> uploadUntil,
                item -> {
                    Notices.success("Uploaded " + item.current().fileName() + " — SHA-256 " + item.current().sha256());
                    refresh();
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
        var dates = new HorizontalLayout(from, until);
        var box = new VerticalLayout(new H3("Upload files"), help, dates, upload);
        box.setPadding(false);
        return box;
    }

    private Component linkForm() {
        var linkTitle = new TextField("Title");
        linkTitle.setId("link-title");
        var url = new TextField("Link (http or https)");
        url.setId("link-url");
        url.setPlaceholder("https://");
        url.setWidth("28rem");
        var description = new TextArea("What it shows");
        var from = new DatePicker("Valid from");
        var until = new DatePicker("Valid until");
        var add = new Button("Add link", e -> {
            try {
                evidence.addLink(control.id(), linkTitle.getValue(), url.getValue(), description.getValue(),
                        from.getValue(), until.getValue());
                Notices.success("Link added.");
                linkTitle.clear();
                url.clear();
                description.clear();
                refresh();
            } catch (UserFacingException ex) {
                Notices.error(ex);
            }
        });
        var row = new HorizontalLayout(linkTitle, url, from, until, add);
        row.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        row.setWrap(true);
        return new Details("Add evidence as a link", new VerticalLayout(row, description));
    }

    private void refresh() {
        items.removeAll();
        var today = projects.today();
        var list = evidence.items(control.id());
        if (list.isEmpty()) {
            items.add(new Paragraph(control.data().owner() == Owner.AWS ? "Uploads are not needed for AWS-owned controls."
                    : "No evidence yet."));
        }
        list.forEach(item -> items.add(card(item, today)));
    }

    private Component card(EvidenceItem item, LocalDate today) {
        var v = item.current();
        var box = new Div();
        box.addClassName("half");
        box.setWidthFull();
        var head = new HorizontalLayout(new Span(item.title()), reviewBadge(v));
        head.setAlignItems(FlexComponent.Alignment.CENTER);
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
        box.add(actions(item, v));
        if (item.versions().size() > 1) {
            var older = new VerticalLayout();
            older.setPadding(false);
            item.versions().stream().skip(1).forEach(o -> older.add(new Span("Version " + o.number() + ": "
                    + o.fileName() + " · " + o.reviewState().label() + " · SHA-256 " + o.sha256() + " "),
                    new Anchor("files/evidence/" + o.id(), "download")));
            box.add(new Details("Earlier versions (" + (item.versions().size() - 1) + ")", older));
        }
        return box;
    }

    private Component actions(EvidenceItem item, EvidenceVersion v) {
        var bar = new HorizontalLayout();
        bar.setAlignItems(FlexComponent.Alignment.BASELINE);
        if (v.isFile()) {
            var download = new Anchor("files/evidence/" + v.id(), "Download");
            download.getElement().setAttribute("download", true);
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
        if (v.reviewState() == ReviewState.SUBMITTED && can(Permissions.EVIDENCE_REVIEW)) {
            var comment = new TextField();
            comment.setPlaceholder("Comment (required to reject)");
            var accept = new Button("Accept", e -> review(v, true, comment.getValue()));
            accept.addThemeVariants(ButtonVariant.LUMO_SUCCESS);
            accept.addClassName("accept");
            var reject = new Button("Reject", e -> review(v, false, comment.getValue()));
            reject.addThemeVariants(ButtonVariant.LUMO_ERROR);
            bar.add(comment, accept, reject);
        }
        if (can(Permissions.EVIDENCE_UPLOAD) && projects.canEdit(control.data().projectId()) && control.needsRaci()) {
            if (v.isFile()) {
                var next = new Upload(new EvidenceUploadHandler(evidence, control.id(), item.id(), () -> null, () -> null,
                        stored -> {
                            Notices.success("New version uploaded.");
                            refresh();
                        }));
                next.setMaxFiles(1);
                next.setDropAllowed(false);
                next.setUploadButton(new Button("Upload new version"));
                bar.add(next);
            }
            var delete = new Button("Delete", e -> {
                try {
                    evidence.delete(item.id());
                    Notices.success("Deleted " + item.title() + ".");
                    refresh();
                } catch (UserFacingException | AccessDeniedException ex) {
                    Notices.error(ex instanceof UserFacingException u ? u : new UserFacingException(ex.getMessage()));
                }
            });
            delete.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ERROR);
            bar.add(delete);
        }
        return bar;
    }

    private void review(EvidenceVersion v, boolean accept, String comment) {
        try {
            evidence.review(v.id(), v.version(), accept, comment);
            Notices.success(accept ? "Accepted." : "Rejected; the uploader sees your comment.");
            refresh();
        } catch (UserFacingException e) {
            Notices.error(e);
        }
    }

    private Component attestations() {
        var list = new VerticalLayout();
        list.setPadding(false);
        var linked = evidence.attestations(control.id());
        var today = projects.today();
        if (linked.isEmpty()) {
            list.add(new Paragraph("No AWS attestation is linked yet."));
        }
        for (Attestation a : linked) {
            var line = new HorizontalLayout(new Span(a.reportType() + ": " + a.name() + " (" + a.periodFrom() + " – "
                    + a.periodTo() + ")"), a.valid(today) ? Badge.of("valid until " + a.validUntil(), "owner-aws")
                    : Badge.of("expired " + a.validUntil(), "unowned"));
            if (a.sha256() != null) {
                line.add(new Anchor("files/attestations/" + a.id(), "Download"));
            } else if (a.url() != null) {
                line.add(new Anchor(a.url(), "Open"));
            }
            list.add(line);
        }
        return list;
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

    private static boolean can(String permission) {
        return Actors.current().map(u -> u.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals(permission)))
                .orElse(false);
    }

    @Override
    public String getPageTitle() {
        return title;
    }
}
