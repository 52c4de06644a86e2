package com.demarc.shared.ui;

import com.demarc.shared.UserFacingException;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.server.ErrorEvent;
import com.vaadin.flow.server.streams.UploadEvent;
import com.vaadin.flow.server.streams.UploadHandler;

import java.io.IOException;

/**
 * The error path of uploads. Vaadin does not hand what an upload handler throws to the session error handler (it
 * logs it and answers 500), so this base class does: a refusal rejects the file with its reason, and the failure goes
 * to {@link MainErrorHandler} like any other, after the upload's answer. Subclasses only receive the bytes and throw.
 * The one place outside the error handler allowed to catch {@code UserFacingException} (ArchitectureTest).
 */
public abstract class RefusingUploadHandler implements UploadHandler {
    private final String interrupted;

    /** @param interrupted what the user reads when the connection breaks mid-upload (what was kept, what to do) */
    protected RefusingUploadHandler(String interrupted) {
        this.interrupted = interrupted;
    }

    @Override
    public final void handleUploadRequest(UploadEvent event) {
        try {
            receive(event);
        } catch (IOException e) {
            refuse(event, new UserFacingException(interrupted));
        } catch (RuntimeException e) {
            refuse(event, e);
        }
    }

    /** Receives one file; throws a {@link UserFacingException} to refuse it. */
    protected abstract void receive(UploadEvent event) throws IOException;

    private static void refuse(UploadEvent event, RuntimeException e) {
        event.reject(Failure.of(e).asNotice(e).getMessage());
        UI ui = event.getUI();
        later(ui, () -> ui.getSession().getErrorHandler().error(new ErrorEvent(e)));
    }

    /** Runs a page update after the upload's answer, never in the request that carries the bytes. */
    protected static void later(UI ui, Runnable command) {
        if (ui != null) {
            Thread.ofVirtual().name("upload-ui").start(() -> ui.access(command::run));
        }
    }
}
