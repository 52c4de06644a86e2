package com.demarc.evidence.ui;

import com.demarc.evidence.EvidenceItem;
import com.demarc.evidence.EvidenceService;
import com.demarc.project.ProjectControlId;
import com.demarc.shared.UserFacingException;
import com.demarc.shared.ui.Notices;
import com.demarc.shared.ui.RefusingUploadHandler;
import com.vaadin.flow.server.streams.UploadEvent;

import java.io.IOException;
import java.time.LocalDate;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The one upload handler of the evidence page (new items and new versions). The size is refused from the declared
 * length before a byte is read, and again while streaming; the service receives the bytes into a temp file it
 * deletes on success, refusal, cancel or a broken connection. The upload is acknowledged as soon as it is committed:
 * the page update runs afterwards on its own thread, so the answer to the browser never waits for it.
 */
class EvidenceUploadHandler extends RefusingUploadHandler {
    private final EvidenceService evidence;
    private final ProjectControlId control;
    private final Long itemId;
    private final Supplier<LocalDate> validFrom;
    private final Supplier<LocalDate> validUntil;
    private final Consumer<EvidenceItem> onStored;

    EvidenceUploadHandler(EvidenceService evidence, ProjectControlId control, Long itemId, Supplier<LocalDate> validFrom,
                          Supplier<LocalDate> validUntil, Consumer<EvidenceItem> onStored) {
        super("The upload was interrupted: nothing was stored. Try again.");
        this.evidence = evidence;
        this.control = control;
        this.itemId = itemId;
        this.validFrom = validFrom;
        this.validUntil = validUntil;
        this.onStored = onStored;
    }

    private volatile Supplier<String> refusal = () -> null;

    /** A reason to refuse every file (e.g. an unreadable form field), or null to accept; read when a file arrives. */
    void refuseWhen(Supplier<String> reason) {
        this.refusal = reason;
    }

    @Override
    protected void receive(UploadEvent event) throws IOException {
        String refused = refusal.get();
        if (refused != null) {
            event.reject(refused);
            later(event.getUI(), () -> Notices.error(new UserFacingException(event.getFileName() + ": " + refused)));
            return;
        }
        String refusal = refusalForDeclaredSize(event.getFileSize());
        if (refusal != null) {
            event.reject(refusal);
            later(event.getUI(), () -> Notices.error(new UserFacingException(event.getFileName() + ": " + refusal)));
            return;
        }
        try (var in = event.getInputStream()) {
            var item = evidence.upload(control, itemId, event.getFileName(), in, null, validFrom.get(), validUntil.get());
            later(event.getUI(), () -> onStored.accept(item));
        }
    }

    /** The message for a body whose declared length (-1 = unknown) is over the limit, or null. */
    String refusalForDeclaredSize(long declared) {
        long max = evidence.maxFileSize();
        if (declared > max) {
            return "The file is larger than the limit of " + (max / (1024 * 1024)) + " MB: nothing was stored. Split it, "
                    + "compress it, or ask an administrator to raise the limit.";
        }
        return null;
    }

    /** No Vaadin limit: this handler refuses the declared length itself, with Demarc's message, and cuts off while streaming. */
    @Override
    public long getFileSizeMax() {
        return -1;
    }
}
