package com.demarc.evidence.ui;

import com.demarc.evidence.EvidenceService;
import com.demarc.shared.Actors;
import com.demarc.shared.Permissions;
import com.demarc.shared.ui.StartPageSection;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;

import java.util.Optional;

/** The uploader's rejected evidence with the reviewer's comment, on their start page: what to fix and where. */
@org.springframework.stereotype.Component
class RejectedEvidenceSection implements StartPageSection {
    private static final int SHOWN = 10;
    private final EvidenceService evidence;

    RejectedEvidenceSection(EvidenceService evidence) {
        this.evidence = evidence;
    }

    @Override
    public Optional<com.vaadin.flow.component.Component> section() {
        boolean uploads = Actors.current().map(u -> u.getAuthorities().stream()
                .anyMatch(a -> a.getAuthority().equals(Permissions.EVIDENCE_UPLOAD))).orElse(false);
        if (!uploads) {
            return Optional.empty();
        }
        var rejected = evidence.myRejected(SHOWN);
        if (rejected.isEmpty()) {
            return Optional.empty();
        }
        var list = new UnorderedList();
        for (var r : rejected) {
            var v = r.version();
            var line = new ListItem(new Anchor("evidence/" + r.control().id().value(), r.control().data().projectName()
                    + " · " + r.control().data().code() + " · " + (v.isFile() ? v.fileName() : r.item().title())),
                    new Span(" — rejected by " + v.reviewedBy() + ": “" + v.reviewComment() + "”. Upload a new version."));
            line.getStyle().set("overflow-wrap", "anywhere");
            list.add(line);
        }
        var box = new Div(new H3("Evidence rejected (" + rejected.size() + (rejected.size() == SHOWN ? "+" : "") + ")"), list);
        box.setId("rejected-evidence");
        box.addClassName("half");
        return Optional.of(box);
    }
}
