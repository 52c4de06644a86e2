package com.demarc.catalog.internal;

import com.demarc.catalog.Domain;
import com.demarc.catalog.Owner;
import com.demarc.shared.SpreadsheetCells;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes the controls as CSV, one row per control, for editing in a spreadsheet. Line numbers in
 * messages are spreadsheet rows (the header is row 1). Lists (CCM, NIST, seed) are separated by ';'.
 */
final class CatalogCsv {
    static final String[] COLUMNS = {"code", "domain", "domain_name", "title", "description", "owner", "customer_part",
            "aws_part", "infrastructure", "container", "abstracted", "ccm_ids", "nist_ids", "source_url", "seed"};

    private CatalogCsv() {
    }

    /** The controls and their domains; the model header comes from the importer. */
    static CatalogDocument read(Reader in, CatalogDocument.Header header) {
        var problems = new Problems();
        var controls = new ArrayList<CatalogDocument.ControlRow>();
        Map<String, Domain> domains = new LinkedHashMap<>();
        var format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).setTrim(true)
                .setIgnoreEmptyLines(true).get();
        try (CSVParser parser = CSVParser.builder().setReader(in).setFormat(format).get()) {
            var missing = new ArrayList<String>();
            for (String c : COLUMNS) {
                if (!parser.getHeaderMap().containsKey(c)) {
                    missing.add(c);
                }
            }
            if (!missing.isEmpty()) {
                problems.add(1, "the header lacks the column(s) " + String.join(", ", missing)
                        + "; the header must be: " + String.join(",", COLUMNS) + ".");
                problems.throwIfAny("CSV");
            }
            for (CSVRecord r : parser) {
                int line = (int) r.getRecordNumber() + 1;
                if (!r.isConsistent()) {
                    problems.add(line, "has " + r.size() + " fields, expected " + COLUMNS.length + ".");
                    continue;
                }
                String domain = cell(r, "domain");
                if (!domain.isBlank() && !domains.containsKey(domain)) {
                    if (!CatalogValidator.DOMAIN_CODE.matcher(domain).matches()) {
                        problems.add(line, "domain code '" + domain + "' is not valid: use 2 to 12 capitals or digits.");
                    }
                    if (cell(r, "domain_name").isBlank()) {
                        problems.add(line, "domain_name is missing for the new domain " + domain + ".");
                    }
                    domains.put(domain, new Domain(domain, cell(r, "domain_name")));
                }
                controls.add(new CatalogDocument.ControlRow(line, cell(r, "code"), domain, cell(r, "title"),
                        cell(r, "description"), parseOwner(cell(r, "owner"), "owner", true, line, problems),
                        blankToNull(cell(r, "customer_part")), blankToNull(cell(r, "aws_part")),
                        parseOwner(cell(r, "infrastructure"), "infrastructure", false, line, problems),
                        parseOwner(cell(r, "container"), "container", false, line, problems),
                        parseOwner(cell(r, "abstracted"), "abstracted", false, line, problems),
                        list(cell(r, "ccm_ids")), list(cell(r, "nist_ids")), cell(r, "source_url"), list(cell(r, "seed"))));
            }
        } catch (IOException | UncheckedIOException | IllegalStateException | IllegalArgumentException e) {
            if (e instanceof com.demarc.shared.UserFacingException ufe) {
                throw ufe;
            }
            problems.add(0, "the file could not be read as CSV (" + e.getMessage() + ").");
        }
        if (controls.isEmpty() && problems.isEmpty()) {
            problems.add(2, "the file holds no controls.");
        }
        var domainList = List.copyOf(domains.values());
        CatalogValidator.checkControls(controls, domainList, problems);
        problems.throwIfAny("CSV");
        return new CatalogDocument(header, domainList, controls, List.of(), List.of(), List.of());
    }

    static void write(CatalogDocument doc, Writer out) {
        Map<String, String> domainNames = new LinkedHashMap<>();
        doc.domains().forEach(d -> domainNames.put(d.code(), d.name()));
        var format = CSVFormat.RFC4180.builder().setHeader(COLUMNS).get();
        try (var printer = new CSVPrinter(out, format)) {
            for (var c : doc.controls()) {
                printer.printRecord(SpreadsheetCells.row(c.code(), c.domain(), domainNames.getOrDefault(c.domain(), ""), c.title(),
                        c.description(), c.owner().name(), nullToEmpty(c.customerPart()), nullToEmpty(c.awsPart()),
                        c.infrastructure().name(), c.container().name(), c.abstracted().name(),
                        String.join(";", c.ccm()), String.join(";", c.nist()), nullToEmpty(c.source()),
                        String.join(";", c.seed())));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A field as written, without the formula-injection quote that {@link #write} adds. */
    private static String cell(CSVRecord r, String column) {
        return SpreadsheetCells.untext(r.get(column));
    }

    static Owner parseOwner(String value, String field, boolean defaultOwner, int line, Problems problems) {
        if (value == null || value.isBlank()) {
            problems.add(line, field + " is missing.");
            return null;
        }
        try {
            Owner owner = Owner.valueOf(value.strip());
            if (defaultOwner && owner == Owner.NOT_APPLICABLE) {
                problems.add(line, "unknown owner '" + value + "': use CUSTOMER, SHARED or AWS.");
                return null;
            }
            return owner;
        } catch (IllegalArgumentException e) {
            problems.add(line, defaultOwner
                    ? "unknown owner '" + value + "': use CUSTOMER, SHARED or AWS."
                    : "bad category owner '" + value + "' for " + field + ": use CUSTOMER, SHARED, AWS or NOT_APPLICABLE.");
            return null;
        }
    }

    private static List<String> list(String s) {
        if (s == null || s.isBlank()) {
            return List.of();
        }
        return List.of(s.strip().split("\\s*;\\s*"));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
