package com.demarc.evidence.ui;

import com.demarc.shared.UserFacingException;
import com.demarc.support.TestFiles;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The attestation dialog's upload handler: its size limit holds on the server, and it never leaves a temp file. */
class ReportFileHandlerTest {
    static final long LIMIT = 1 << 20;

    static long tempFiles() throws IOException {
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.filter(p -> p.getFileName().toString().startsWith("demarc-upload-")).count();
        }
    }

    @Test
    void aDeclaredLengthOverTheLimitIsRefusedBeforeAnythingIsWritten() throws IOException {
        var handler = new ReportFileHandler(LIMIT);
        long before = tempFiles();
        assertThatThrownBy(() -> handler.receive("soc2.pdf", LIMIT + 1, TestFiles.pdfOfSize(10)))
                .isInstanceOf(UserFacingException.class).hasMessageContaining("larger than the limit of 1 MB");
        assertThat(handler.hasFile()).isFalse();
        assertThat(tempFiles()).isEqualTo(before);
        assertThat(handler.getFileSizeMax()).as("Vaadin's own check is off: the handler answers with Demarc's message").isEqualTo(-1);
    }

    @Test
    void aBodyOverTheLimitWithoutADeclaredLengthIsCutOffWhileStreamingAndItsTempFileDeleted() throws IOException {
        var handler = new ReportFileHandler(LIMIT);
        long before = tempFiles();
        assertThatThrownBy(() -> handler.receive("soc2.pdf", -1, TestFiles.pdfOfSize(Long.MAX_VALUE)))
                .isInstanceOf(UserFacingException.class).hasMessageContaining("nothing was kept");
        assertThat(handler.hasFile()).isFalse();
        assertThat(tempFiles()).isEqualTo(before);
    }

    @Test
    void aCancelledUploadAndAClosedDialogLeaveNoTempFile() throws IOException {
        var handler = new ReportFileHandler(LIMIT);
        long before = tempFiles();
        assertThatThrownBy(() -> handler.receive("soc2.pdf", -1, TestFiles.interruptedAfter(100_000)))
                .isInstanceOf(IOException.class);
        assertThat(tempFiles()).isEqualTo(before);

        handler.receive("first.pdf", -1, new ByteArrayInputStream(TestFiles.pdf("first")));
        byte[] second = TestFiles.pdf("second");
        handler.receive("second.pdf", -1, new ByteArrayInputStream(second));
        assertThat(tempFiles()).as("the second file replaced the first").isEqualTo(before + 1);
        assertThat(handler.fileName()).isEqualTo("second.pdf");
        try (var in = handler.open()) {
            assertThat(in.readAllBytes()).isEqualTo(second);
        }
        handler.discard();
        assertThat(handler.hasFile()).isFalse();
        assertThat(tempFiles()).isEqualTo(before);
    }
}
