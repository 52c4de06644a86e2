package com.demarc.evidence.internal;

import com.demarc.evidence.EvidenceLimits;
import com.demarc.evidence.EvidenceRefused;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.InputStream;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/**
 * Zip-bomb check for ZIP-based uploads (ZIP, XLSX, DOCX): walks the archive as stored, counting entries and the
 * bytes they actually unpack to, and stops as soon as a limit is passed — never unpacking more than the limit.
 */
@Component
public class ZipInspector {

    public void check(InputStream content, long compressedSize, EvidenceLimits limits) throws IOException {
        long maxUnpacked = Math.min(limits.maxZipUnpacked().toBytes(), Math.max(compressedSize, 1) * limits.maxZipRatio());
        int entries = 0;
        long unpacked = 0;
        byte[] buffer = new byte[64 * 1024];
        try (var zip = new ZipInputStream(content)) {
            while (zip.getNextEntry() != null) {
                if (++entries > limits.maxZipEntries()) {
                    throw new EvidenceRefused("The archive has more than " + limits.maxZipEntries()
                            + " entries: nothing was stored. Upload fewer files per archive.");
                }
                int n;
                while ((n = zip.read(buffer)) > 0) {
                    unpacked += n;
                    if (unpacked > maxUnpacked) {
                        throw new EvidenceRefused("The archive unpacks to more than " + PostgresEvidenceStore.human(maxUnpacked)
                                + " (" + limits.maxZipRatio() + " times its size at most): it looks like a zip bomb, "
                                + "so nothing was stored. Upload the files themselves.");
                    }
                }
            }
        } catch (ZipException e) {
            throw new EvidenceRefused("The archive is damaged (" + e.getMessage() + "): nothing was stored. Upload an intact file.");
        }
        if (entries == 0) {
            throw new EvidenceRefused("The archive is empty or not a valid ZIP: nothing was stored.");
        }
    }
}
