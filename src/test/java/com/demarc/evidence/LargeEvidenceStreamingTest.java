package com.demarc.evidence;

import com.demarc.support.DemarcTest;
import com.demarc.support.Fixtures;
import com.demarc.support.TestFiles;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithUserDetails;
import org.springframework.test.context.TestPropertySource;

import java.io.InputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Streams a generated 200 MB file through the evidence service and back, in a JVM limited to 256 MB of heap (the
 * surefire execution "small-heap" in the pom): if either direction held the file in memory, this would run out.
 */
@Tag("small-heap")
@DemarcTest
@TestPropertySource(properties = "demarc.evidence.max-file-size=300MB")
class LargeEvidenceStreamingTest {
    static final long SIZE = 200L * 1024 * 1024;

    @Autowired
    EvidenceService evidence;
    @Autowired
    Fixtures fixtures;

    @Test
    @WithUserDetails("alice")
    void a200MbFileStreamsInAndOutUnderASmallHeapWithAMatchingHash() throws Exception {
        long maxHeap = Runtime.getRuntime().maxMemory();
        var row = fixtures.row(fixtures.project("Payments", "Large", "EC2"), "SRM-DATA-09");

        var expected = MessageDigest.getInstance("SHA-256");
        try (var source = new DigestInputStream(TestFiles.pdfOfSize(SIZE), expected)) {
            var item = evidence.upload(row.id(), null, "backup-report.pdf", source, null, null, null);
            assertThat(item.current().size()).isEqualTo(SIZE);
            assertThat(item.current().sha256()).isEqualTo(HexFormat.of().formatHex(expected.digest()));

            var download = evidence.download(item.current().id());
            var actual = MessageDigest.getInstance("SHA-256");
            long read = 0;
            try (InputStream in = new DigestInputStream(download.content().open(), actual)) {
                byte[] buffer = new byte[64 * 1024];
                int n;
                while ((n = in.read(buffer)) > 0) {
                    read += n;
                }
            }
            assertThat(read).isEqualTo(SIZE);
            assertThat(HexFormat.of().formatHex(actual.digest())).isEqualTo(item.current().sha256());
            assertThat(evidence.verify(item.current().id()).intact()).isTrue();
            evidence.delete(item.id());
        }
        System.out.printf("200 MB streamed in and out with a max heap of %d MB%n", maxHeap / (1024 * 1024));
    }
}
