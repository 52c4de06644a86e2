package com.demarc.evidence.ui;

import com.demarc.catalog.Owner;
import com.demarc.evidence.Attestation;
import com.demarc.evidence.EvidenceService;
import com.demarc.project.ProjectControl;
import com.demarc.project.ProjectControlId;
import com.demarc.project.ProjectService;
import com.demarc.shared.Actors;
import com.demarc.shared.Permissions;
import com.demarc.shared.ui.Badge;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEvent;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.HasUrlParameter;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;
import org.springframework.security.access.AccessDeniedException;


/**
 * The evidence of one project control: upload files (several at once, drag and drop, progress, cancel) or add a
 * link; see each file's SHA-256, versions, validity and review; verify, download, review, delete.
 */
@Route("evidence")
@PermitAll
class EvidenceView extends VerticalLayout implements HasUrlParameter<Long>, HasDynamicTitle {
    private final EvidenceService evidence;
    private final ProjectService projects;
    private final VerticalLayout items = new VerticalLayout();
    private ProjectControl control;
    private String title = "Evidence";
    private boolean canUpload;

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
        } catch (AccessDeniedException | java.util.NoSuchElementException e) {
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
        canUpload = can(Permissions.EVIDENCE_UPLOAD) && projects.canEdit(control.data().projectId()) && control.needsRaci();
        if (control.data().owner() == Owner.AWS) {
            add(new Paragraph("AWS owns this control for this project. It is evidenced by AWS attestations (e.g. SOC 2 "
                    + "reports from AWS Artifact), which compliance managers link on the Attestations page."));
            add(attestations());
        } else if (canUpload) {
            var upload = new EvidenceUploadArea(evidence, control.id());
            if (event.getLocation().getQueryParameters().getSingleParameter("fix").filter("upload"::equals).isPresent()) {
                upload.pointHere();
            }
            upload.addChangedListener(e -> refresh());
            var link = new EvidenceLinkForm(evidence, control.id());
            link.addChangedListener(e -> refresh());
            add(upload, link);
        }
        add(new H3("Evidence"), items);
        refresh();
    }

    private void refresh() {
        items.removeAll();
        var today = projects.today();
        var list = evidence.items(control.id());
        if (list.isEmpty()) {
            items.add(new Paragraph(control.data().owner() == Owner.AWS ? "Uploads are not needed for AWS-owned controls."
                    : "No evidence yet."));
        }
        boolean canReview = can(Permissions.EVIDENCE_REVIEW);
        list.forEach(item -> {
            var card = new EvidenceCard(evidence, control.id(), item, today, canUpload, canReview);
            card.addChangedListener(e -> refresh());
            items.add(card);
        });
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
                line.add(com.demarc.shared.ui.Downloads.fileLink("files/attestations/" + a.id(), "Download"));
            } else if (a.url() != null) {
                line.add(new Anchor(a.url(), "Open"));
            }
            list.add(line);
        }
        return list;
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
