package com.demarc.audit.ui;

import com.demarc.audit.AuditEntry;
import com.demarc.audit.AuditFilter;
import com.demarc.audit.AuditLog;
import com.demarc.shared.SpreadsheetCells;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;

/** The audit log's CSV export, page by page; every text cell neutralised against formula injection. */
final class AuditLogCsv {
    private AuditLogCsv() {
    }

    static byte[] csv(AuditLog audit, AuditFilter filter) throws IOException {
        var out = new ByteArrayOutputStream();
        try (var printer = new CSVPrinter(new OutputStreamWriter(out, StandardCharsets.UTF_8), CSVFormat.RFC4180.builder()
                .setHeader("seq", "at", "actor", "address", "action", "entity_type", "entity_id", "summary", "before", "after", "hash").get())) {
            int offset = 0;
            while (true) {
                var page = audit.find(filter, offset, 1000);
                for (AuditEntry a : page) {
                    printer.printRecord(SpreadsheetCells.row(a.seq(), a.at(), a.actor(), a.address(), a.action(),
                            a.entityType(), a.entityId(), a.summary(), a.before(), a.after(), a.hash()));
                }
                if (page.size() < 1000) {
                    break;
                }
                offset += page.size();
            }
        }
        return out.toByteArray();
    }
}
