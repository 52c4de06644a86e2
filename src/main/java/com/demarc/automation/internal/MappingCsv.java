package com.demarc.automation.internal;

import com.demarc.automation.CheckMapping;
import com.demarc.catalog.ModelId;
import com.demarc.shared.UserFacingException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The check mapping as CSV: the shipped file's columns, so an export can be reviewed and compared with it. */
public final class MappingCsv {
    public static final String SHIPPED = "catalog/aws-check-mapping.csv";
    static final String[] HEADER = {"securityhub_control_id", "config_rule_identifier", "aws_service", "severity",
            "srm_controls", "confidence", "note"};

    private MappingCsv() {
    }

    public static List<CheckMapping> read(ModelId model, Reader in) {
        var result = new ArrayList<CheckMapping>();
        try (var parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
            for (CSVRecord r : parser) {
                String id = r.get("securityhub_control_id").strip();
                if (id.isEmpty()) {
                    continue;
                }
                String rule = r.get("config_rule_identifier").strip();
                var codes = Arrays.stream(r.get("srm_controls").split("\\|")).map(String::strip).filter(s -> !s.isEmpty())
                        .distinct().toList();
                result.add(new CheckMapping(model, id, rule.isEmpty() ? null : rule, r.get("aws_service").strip(),
                        r.get("severity").strip(), codes, r.get("confidence").strip(), r.get("note").strip(), 0));
            }
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            throw new UserFacingException("The check mapping file could not be read (" + e.getMessage() + ").");
        }
        return result;
    }

    public static void write(List<CheckMapping> rows, Writer out) {
        try {
            var printer = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setHeader(HEADER).get());
            for (var r : rows) {
                printer.printRecord(r.checkId(), r.configRule() == null ? "" : r.configRule(), r.awsService(), r.severity(),
                        String.join("|", r.controlCodes()), r.confidence(), r.note());
            }
            printer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
