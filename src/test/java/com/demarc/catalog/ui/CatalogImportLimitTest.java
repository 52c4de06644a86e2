package com.demarc.catalog.ui;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.InputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The catalog import reads an endless upload only up to its limit and then refuses it. */
class CatalogImportLimitTest {
    @Test
    void anEndlessUploadIsCutOffOneBytePastTheLimit() throws Exception {
        long[] read = new long[1];
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                read[0]++;
                return 'x';
            }
        };
        assertThat(CatalogVersionsView.readAtMost(endless, 5L << 20)).isNull();
        assertThat(read[0]).isEqualTo((5L << 20) + 1);
        assertThat(CatalogVersionsView.readAtMost(new ByteArrayInputStream("code,domain\n".getBytes()), 5L << 20))
                .hasSize(12);
    }
}
