package com.demarc.coverage.ui;

import com.demarc.shared.SpreadsheetCells;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;

/** CSV and XLSX downloads of one dashboard table (numbers stay numbers in XLSX; text is neutralised against formula injection). */
final class TableExport {
    /** A table: its headers and rows (cells are String or Number). */
    record Table(String name, List<String> headers, List<List<Object>> rows) {
    }

    private TableExport() {
    }

    static HorizontalLayout links(String id, Supplier<Table> table) {
        var csv = new Anchor(DownloadHandler.fromInputStream(e -> {
            Table t = table.get();
            byte[] bytes = csv(t);
            return new DownloadResponse(new ByteArrayInputStream(bytes), t.name() + ".csv", "text/csv", bytes.length);
        }), "CSV");
        csv.setId(id + "-csv");
        var xlsx = new Anchor(DownloadHandler.fromInputStream(e -> {
            Table t = table.get();
            byte[] bytes = xlsx(t);
            return new DownloadResponse(new ByteArrayInputStream(bytes), t.name() + ".xlsx",
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", bytes.length);
        }), "XLSX");
        xlsx.setId(id + "-xlsx");
        var box = new HorizontalLayout(csv, xlsx);
        box.addClassName("exports");
        return box;
    }

    static byte[] csv(Table t) throws IOException {
        var out = new ByteArrayOutputStream();
        try (var printer = new CSVPrinter(new OutputStreamWriter(out, StandardCharsets.UTF_8),
                CSVFormat.RFC4180.builder().setHeader(t.headers().toArray(String[]::new)).get())) {
            for (var row : t.rows()) {
                printer.printRecord(row.stream().map(SpreadsheetCells::cell).toList());
            }
        }
        return out.toByteArray();
    }

    static byte[] xlsx(Table t) throws IOException {
        try (var book = new XSSFWorkbook(); var out = new ByteArrayOutputStream()) {
            var sheet = book.createSheet(t.name().length() > 31 ? t.name().substring(0, 31) : t.name());
            var head = sheet.createRow(0);
            for (int c = 0; c < t.headers().size(); c++) {
                head.createCell(c).setCellValue(SpreadsheetCells.text(t.headers().get(c)));
            }
            for (int r = 0; r < t.rows().size(); r++) {
                var row = sheet.createRow(r + 1);
                var values = t.rows().get(r);
                for (int c = 0; c < values.size(); c++) {
                    Object v = values.get(c);
                    if (v instanceof Number n) {
                        row.createCell(c).setCellValue(n.doubleValue());
                    } else {
                        row.createCell(c).setCellValue(v == null ? "" : SpreadsheetCells.text(v.toString()));
                    }
                }
            }
            book.write(out);
            return out.toByteArray();
        }
    }
}
