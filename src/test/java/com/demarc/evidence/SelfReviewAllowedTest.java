package com.demarc.evidence;

import com.demarc.audit.AuditFilter;
import com.demarc.audit.AuditLog;
import com.demarc.shared.Actors;
import com.demarc.shared.Role;
import com.demarc.shared.UserFacingException;
import com.demarc.support.DemarcTest;
import com.demarc.support.Fixtures;
import com.demarc.support.TestFiles;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithUserDetails;
import org.springframework.test.context.TestPropertySource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A one-person team's settings: self-review allowed (and audited as such), and a small package-size limit that a
 * verification upload hits while streaming, leaving no temporary file behind.
 */
@DemarcTest
@TestPropertySource(properties = {"demarc.evidence.allow-self-review=true", "demarc.evidence.max-package-size=1MB"})
class SelfReviewAllowedTest {
    @Autowired
    EvidenceService evidence;
    @Autowired
    AuditPackageService packages;
    @Autowired
    Fixtures fixtures;
    @Autowired
    AuditLog audit;

    @Test
    @WithUserDetails("manager")
    void whenAllowedTheUploaderMayAcceptAndTheAuditEntrySaysItWasASelfReview() throws Exception {
        var row = fixtures.row(fixtures.project("Payments", "Solo", "EC2"), "SRM-IAM-02");
        var v = evidence.upload(row.id(), null, "solo.pdf", new ByteArrayInputStream(TestFiles.pdf("solo")), null, null, null)
                .current();
        var reviewed = evidence.review(v.id(), v.version(), true, null);
        assertThat(reviewed.reviewState()).isEqualTo(ReviewState.ACCEPTED);
        var entries = new AtomicReference<java.util.List<com.demarc.audit.AuditEntry>>();
        Actors.runAsSystem(Set.of(Role.AUDITOR), () -> entries.set(audit.find(
                new AuditFilter(null, "EVIDENCE_REVIEWED", null, null, null), 0, 20)));
        assertThat(entries.get()).anySatisfy(e -> {
            assertThat(e.entityId()).isEqualTo(String.valueOf(v.id()));
            assertThat(e.after()).contains("ACCEPTED (self-review)");
            assertThat(e.summary()).contains("by its own uploader");
        });
    }

    @Test
    @WithUserDetails("auditor")
    void aPackageOverTheLimitIsRefusedWhileStreamingAndItsTemporaryFileIsDeleted() throws IOException {
        long before = temporaryPackages();
        var read = new long[1];
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                read[0]++;
                return 0;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                read[0] += len;
                return len;
            }
        };
        assertThatThrownBy(() -> packages.verify(endless)).isInstanceOf(UserFacingException.class)
                .hasMessageContaining("larger than 1 MB").hasMessageContaining("max-package-size");
        assertThat(read[0]).as("stopped at the limit, not at the end of the stream").isLessThan(2L << 20);
        assertThat(temporaryPackages()).isEqualTo(before);
    }

    private static long temporaryPackages() throws IOException {
        try (var files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.filter(p -> p.getFileName().toString().startsWith("demarc-package-")).count();
        }
    }
}
