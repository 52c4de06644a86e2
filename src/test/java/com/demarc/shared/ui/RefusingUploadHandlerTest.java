package com.demarc.shared.ui;

import com.demarc.shared.UserFacingException;
import com.vaadin.flow.dom.Element;
import com.vaadin.flow.server.streams.UploadEvent;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

/** What an upload handler throws becomes a rejected file with the reason a user reads, never Vaadin's 500. */
class RefusingUploadHandlerTest {

    @Test
    void aRefusalRejectsTheFileWithItsReason() {
        var event = upload(new UserFacingException("The file is larger than 1 MB: split it."));
        assertThat(event.isRejected()).isTrue();
        assertThat(event.getRejectionMessage()).isEqualTo("The file is larger than 1 MB: split it.");
    }

    @Test
    void aBrokenConnectionSaysWhatWasKeptAndWhatToDo() {
        var event = upload(new IOException("connection reset"));
        assertThat(event.getRejectionMessage()).isEqualTo("The upload was interrupted: nothing was kept. Try again.");
    }

    @Test
    void anUnexpectedFailureReadsLikeEveryOtherUnexpectedFailure() {
        var event = upload(new IllegalStateException("bug"));
        assertThat(event.getRejectionMessage()).isEqualTo(Failure.UNEXPECTED.message);
    }

    private static UploadEvent upload(Exception thrown) {
        var handler = new RefusingUploadHandler("The upload was interrupted: nothing was kept. Try again.") {
            @Override
            protected void receive(UploadEvent event) throws IOException {
                if (thrown instanceof IOException io) {
                    throw io;
                }
                throw (RuntimeException) thrown;
            }
        };
        var event = new UploadEvent(null, null, null, "report.pdf", 10, "application/pdf", new Element("div"), null);
        handler.handleUploadRequest(event);
        return event;
    }
}
