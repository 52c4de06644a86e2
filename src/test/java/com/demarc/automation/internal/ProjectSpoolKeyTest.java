package com.demarc.automation.internal;

import com.demarc.automation.CheckSource;
import com.demarc.automation.CheckStatus;
import com.demarc.automation.ResultFormat;
import com.demarc.project.ProjectId;
import org.junit.jupiter.api.Test;

import java.security.MessageDigest;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The key the import computes while reading is the documented one (and V0160's): SHA-256 of "id\nepoch-ms", 16 bytes. */
class ProjectSpoolKeyTest {
    @Test
    void keysWhileReadingEqualTheDocumentedDigest() throws Exception {
        String[] ids = {"arn:aws:securityhub:eu-west-1:123456789012:security-control/IAM.6/finding/6c2f0e4a",
                "tab\there\\back\nline\r", "ümlaut-ärn-日本", "x".repeat(1500), ""};
        Instant[] times = {Instant.parse("2026-12-01T10:15:30.123Z"), Instant.EPOCH, Instant.parse("1969-12-31T23:59:59.999Z"),
                Instant.ofEpochMilli(-86_400_001L)};
        try (var writer = new RawWriter()) {
            for (String id : ids) {
                for (Instant t : times) {
                    try (var spool = new ProjectSpool(new ProjectId(1), ResultFormat.SECURITY_HUB_ASFF, writer)) {
                        spool.check(new ResultParser.Finding(ResultFormat.SECURITY_HUB_ASFF, id, t, "123456789012",
                                CheckSource.SECURITY_HUB, "IAM.6", CheckStatus.PASSED, "r", t, t, ResultParser.Disposition.ACTIVE));
                        var keys = spool.keys();
                        var expected = ProjectSpool.key(MessageDigest.getInstance("SHA-256"), id, t);
                        assertThat(keys.size()).isEqualTo(1);
                        assertThat(keys.hi(0)).as(id + " at " + t).isEqualTo(expected.getMostSignificantBits());
                        assertThat(keys.lo(0)).as(id + " at " + t).isEqualTo(expected.getLeastSignificantBits());
                        assertThat(keys.day(0)).isEqualTo((int) Math.floorDiv(t.toEpochMilli(), 86_400_000L));
                    }
                }
            }
        }
    }
}
