package com.demarc.evidence.internal;

import com.demarc.evidence.EvidenceRefused;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** File names that would show as another name, or as nothing, are refused; the rest is stored NFC-normalised. */
class FileNameTest {
    @Test
    void aRightToLeftOverrideThatShowsAZipAsAPdfIsRefused() {
        assertThatThrownBy(() -> FileTypePolicy.checkFileName("contract\u202Efdp.zip"))
                .isInstanceOf(EvidenceRefused.class)
                .hasMessageContaining("U+202E RIGHT-TO-LEFT OVERRIDE at position 9")
                .hasMessageContaining("rename the file using only visible characters");
    }

    @Test
    void bidiIsolatesZeroWidthCharactersC1ControlsAndByteOrderMarksAreRefused() {
        for (String name : new String[]{"a\u2066b.pdf", "pay\u200Broll.pdf", "x\u200D.pdf", "\uFEFFpolicy.pdf",
                "line\u0085break.txt", "soft\u00ADhyphen.pdf", "mark\u200E.pdf", "tab\tname.txt", "sep\u2028.txt"}) {
            assertThatThrownBy(() -> FileTypePolicy.checkFileName(name)).as(name).isInstanceOf(EvidenceRefused.class)
                    .hasMessageContaining("U+");
        }
    }

    @Test
    void namesWithNothingVisibleAreRefused() {
        assertThatThrownBy(() -> FileTypePolicy.checkFileName("\u3164.pdf")).isInstanceOf(EvidenceRefused.class);
        assertThatThrownBy(() -> FileTypePolicy.checkFileName("   .pdf")).isInstanceOf(EvidenceRefused.class)
                .hasMessageContaining("nothing visible");
        assertThatThrownBy(() -> FileTypePolicy.checkFileName("\u0301\u0301.pdf")).isInstanceOf(EvidenceRefused.class)
                .hasMessageContaining("nothing visible");
    }

    @Test
    void ordinaryNamesInAnyScriptAreKeptAndNormalised() {
        assertThat(FileTypePolicy.checkFileName("cafe\u0301 menu.pdf")).isEqualTo("caf\u00e9 menu.pdf");
        assertThat(FileTypePolicy.checkFileName(" Prüfbericht 2026.pdf ")).isEqualTo("Prüfbericht 2026.pdf");
        assertThat(FileTypePolicy.checkFileName("監査報告.pdf")).isEqualTo("監査報告.pdf");
        assertThat(FileTypePolicy.checkFileName("تقرير.pdf")).isEqualTo("تقرير.pdf");
        assertThat(new FileTypePolicy().checkName("mfa-policy.pdf")).isEqualTo("mfa-policy.pdf");
    }
}
