package com.demarc.evidence.internal;

import com.demarc.evidence.EvidenceLimits;
import com.demarc.evidence.EvidenceRefused;
import com.demarc.support.CraftedZip;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Hand-crafted malicious archives against the ZIP inspection that every ZIP, XLSX and DOCX upload goes through. */
class ZipInspectorTest {
    private final ZipInspector inspector = new ZipInspector();
    private final EvidenceLimits limits = new EvidenceLimits(null, 0, null, 0);

    private void check(byte[] zip) throws IOException {
        inspector.check(new ByteArrayInputStream(zip), zip.length, limits);
    }

    private static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aBombHiddenAfterJunkBytesIsRefusedThoughAStreamingReaderMissesIt() throws Exception {
        byte[] zip = CraftedZip.create()
                .add(CraftedZip.deflated("readme.txt", text("nothing to see")))
                .junk(16)
                .add(CraftedZip.zeros("zeros.bin", 64L << 20))
                .finish();
        int seen = 0;
        try (var in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            while (in.getNextEntry() != null) {
                seen++;
            }
        }
        assertThat(seen).as("what the old ZipInputStream check saw").isEqualTo(1);
        assertThatThrownBy(() -> check(zip)).isInstanceOf(EvidenceRefused.class)
                .hasMessageContaining("bytes hidden between entries").hasMessageContaining("nothing was stored");
    }

    @Test
    void localHeaderAndCentralDirectoryThatDisagreeOnSizesAreRefused() {
        var real = CraftedZip.deflated("report.txt", text("x".repeat(5000)));
        byte[] zip = CraftedZip.create().add(real, real.declaring(10)).finish();
        assertThatThrownBy(() -> check(zip)).isInstanceOf(EvidenceRefused.class)
                .hasMessageContaining("sizes of 'report.txt' differ between its local header and the central directory");
    }

    @Test
    void aBombThatLiesAboutItsSizeInBothDirectoriesIsStoppedAtTheLimit() {
        var bomb = CraftedZip.zeros("small.txt", 64L << 20).declaring(100);
        byte[] zip = CraftedZip.create().add(bomb).finish();
        assertThatThrownBy(() -> check(zip)).isInstanceOf(EvidenceRefused.class)
                .hasMessageContaining("unpacks to more than 100 bytes but declares 100");
    }

    @Test
    void anHonestBombIsRefusedFromItsDeclaredSizesBeforeUnpacking() {
        byte[] zip = CraftedZip.create().add(CraftedZip.zeros("zeros.bin", 64L << 20)).finish();
        assertThatThrownBy(() -> check(zip)).isInstanceOf(EvidenceRefused.class).hasMessageContaining("zip bomb");
    }

    @Test
    void prependedAndAppendedBytesAreRefused() {
        var entry = CraftedZip.deflated("a.txt", text("a"));
        byte[] zip = CraftedZip.create().add(entry).finish();
        byte[] prepended = new byte[zip.length + 8];
        System.arraycopy(zip, 0, prepended, 8, zip.length);
        // offsets in a prepended archive still point at the original places: the first entry is not at byte 0
        assertThatThrownBy(() -> check(prepended)).isInstanceOf(EvidenceRefused.class);
        byte[] appended = java.util.Arrays.copyOf(zip, zip.length + 100);
        appended[zip.length] = 'P';
        assertThatThrownBy(() -> check(appended)).isInstanceOf(EvidenceRefused.class)
                .hasMessageContaining("end record is missing or followed by extra bytes");
        byte[] junkBeforeDirectory = CraftedZip.create().add(entry).junk(4).finish();
        assertThatThrownBy(() -> check(junkBeforeDirectory)).isInstanceOf(EvidenceRefused.class)
                .hasMessageContaining("between its last entry and its central directory");
    }

    @Test
    void anEntryNamedDifferentlyInTheTwoDirectoriesOrListedTwiceIsRefused() {
        var local = CraftedZip.deflated("invoice.pdf", text("pdf"));
        var listed = new CraftedZip.Entry("invoice.txt", local.compressed(), local.size(), local.crc(),
                local.declaredSize(), local.declaredCompressed());
        assertThatThrownBy(() -> check(CraftedZip.create().add(local, listed).finish()))
                .isInstanceOf(EvidenceRefused.class).hasMessageContaining("the local header names 'invoice.pdf'");
        var a = CraftedZip.deflated("same.txt", text("one"));
        var b = CraftedZip.deflated("same.txt", text("two"));
        assertThatThrownBy(() -> check(CraftedZip.create().add(a).add(b).finish()))
                .isInstanceOf(EvidenceRefused.class).hasMessageContaining("appears twice");
    }

    /** A streaming reader inflates a "folder" that carries data; the check must not skip it as empty. */
    @Test
    void aFolderEntryCarryingDataIsRefused() throws Exception {
        var out = new ByteArrayOutputStream();
        try (var zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("hidden/"));
            byte[] payload = new byte[4096]; // incompressible, so no ratio limit is what stops it
            new java.util.Random(7).nextBytes(payload);
            zip.write(payload);
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("readme.txt"));
            zip.write(text("nothing to see"));
            zip.closeEntry();
        }
        assertThatThrownBy(() -> check(out.toByteArray())).isInstanceOf(EvidenceRefused.class)
                .hasMessageContaining("folder entry 'hidden/' carries data");
    }

    @Test
    void ordinaryArchivesAndOfficeFilesPass() throws Exception {
        var out = new ByteArrayOutputStream();
        try (var zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("logs/"));
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("logs/cloudtrail.json"));
            zip.write(text("{\"events\": []}\n".repeat(100)));
            zip.closeEntry();
            var stored = new ZipEntry("raw.bin");
            stored.setMethod(ZipEntry.STORED);
            byte[] raw = text("stored as is");
            var crc = new java.util.zip.CRC32();
            crc.update(raw);
            stored.setSize(raw.length);
            stored.setCrc(crc.getValue());
            zip.putNextEntry(stored);
            zip.write(raw);
            zip.closeEntry();
        }
        assertThatCode(() -> check(out.toByteArray())).doesNotThrowAnyException();
        assertThatCode(() -> check(CraftedZip.create().add(CraftedZip.deflated("a.txt", text("a"))).finish()))
                .doesNotThrowAnyException();

        var xlsx = new ByteArrayOutputStream();
        try (var book = new XSSFWorkbook()) {
            book.createSheet("Evidence").createRow(0).createCell(0).setCellValue("MFA enforced");
            book.write(xlsx);
        }
        assertThatCode(() -> check(xlsx.toByteArray())).doesNotThrowAnyException();
    }
}
