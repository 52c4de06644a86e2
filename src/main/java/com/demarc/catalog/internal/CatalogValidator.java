package com.demarc.catalog.internal;

import com.demarc.catalog.Domain;
import com.demarc.catalog.Owner;
import com.demarc.catalog.SeedItem;
import com.demarc.catalog.SummaryRow;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** The rules every catalog must meet, whichever format it came in. */
final class CatalogValidator {
    static final Pattern CONTROL_CODE = Pattern.compile("^[A-Z][A-Z0-9]{1,9}(-[A-Z0-9]{1,12}){1,3}$");
    static final Pattern DOMAIN_CODE = Pattern.compile("^[A-Z][A-Z0-9]{1,11}$");
    static final Pattern URL = Pattern.compile("^https?://\\S+$");

    private CatalogValidator() {
    }

    static void checkControls(List<CatalogDocument.ControlRow> rows, List<Domain> domains, Problems problems) {
        Set<String> domainCodes = new HashSet<>();
        domains.forEach(d -> domainCodes.add(d.code()));
        Map<String, Integer> seen = new HashMap<>();
        for (var row : rows) {
            checkControl(row, domainCodes, problems);
            if (row.code() != null) {
                Integer first = seen.putIfAbsent(row.code(), row.line());
                if (first != null) {
                    problems.add(row.line(), "duplicate code " + row.code() + " (first used on line " + first + ").");
                }
            }
        }
    }

    static void checkControl(CatalogDocument.ControlRow row, Set<String> domainCodes, Problems problems) {
        int line = row.line();
        if (blank(row.code())) {
            problems.add(line, "code is missing.");
        } else if (!CONTROL_CODE.matcher(row.code()).matches()) {
            problems.add(line, "code '" + row.code() + "' is not valid: use capitals, digits and dashes, e.g. SRM-IAM-02.");
        }
        if (blank(row.domain())) {
            problems.add(line, "domain is missing.");
        } else if (!domainCodes.contains(row.domain())) {
            problems.add(line, "unknown domain '" + row.domain() + "'.");
        }
        if (blank(row.title())) {
            problems.add(line, "title is missing.");
        } else if (row.title().length() > 300) {
            problems.add(line, "title is longer than 300 characters.");
        }
        if (blank(row.description())) {
            problems.add(line, "description is missing.");
        }
        if (row.owner() == Owner.SHARED && (blank(row.customerPart()) || blank(row.awsPart()))) {
            problems.add(line, "a SHARED control needs both the customer's part and AWS's part.");
        }
        if (!blank(row.source()) && !URL.matcher(row.source()).matches()) {
            problems.add(line, "source '" + row.source() + "' is not an http(s) link.");
        }
    }

    static void checkSummary(List<SummaryRow> summary, List<SeedItem> seedItems,
                             List<CatalogDocument.ControlRow> controls, Problems problems, Map<String, Integer> lines) {
        Set<String> codes = new HashSet<>();
        controls.forEach(c -> codes.add(c.code()));
        for (var row : summary) {
            for (String code : row.controlCodes()) {
                if (!codes.contains(code)) {
                    problems.add(lines.getOrDefault("summary:" + row.code(), 0),
                            "summary row " + row.code() + " names unknown control " + code + ".");
                }
            }
        }
        Set<String> seedCodes = new HashSet<>();
        seedItems.forEach(s -> seedCodes.add(s.code()));
        for (var c : controls) {
            for (String ref : c.seed()) {
                if (!seedCodes.contains(ref)) {
                    problems.add(c.line(), "control " + c.code() + " names unknown seed item " + ref + ".");
                }
            }
        }
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
