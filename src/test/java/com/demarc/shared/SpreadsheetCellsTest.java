package com.demarc.shared;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SpreadsheetCellsTest {
    @Test
    void everyFormulaTriggerIsPrefixedAndOrdinaryTextIsNot() {
        for (String s : new String[]{"=1+1", "+1", "-1", "@A1", "\tx", "\rx", "\0x", "\uFF1D1+1"}) {
            assertThat(SpreadsheetCells.text(s)).as(s).isEqualTo("'" + s);
            assertThat(SpreadsheetCells.untext(SpreadsheetCells.text(s))).isEqualTo(s);
        }
        for (String s : new String[]{"MFA policy", "", "1+1", "'quoted", "a=b"}) {
            assertThat(SpreadsheetCells.text(s)).as(s).isEqualTo(s);
            assertThat(SpreadsheetCells.untext(s)).isEqualTo(s);
        }
        assertThat(SpreadsheetCells.text(null)).isNull();
        assertThat(SpreadsheetCells.cell(-5)).isEqualTo(-5);
        assertThat(SpreadsheetCells.row("=x", 2L, null)).containsExactly("'=x", 2L, null);
    }
}
