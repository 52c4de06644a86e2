package com.demarc.catalog.internal;

import com.demarc.catalog.Domain;
import com.demarc.catalog.Owner;
import com.demarc.catalog.SeedItem;
import com.demarc.catalog.ServiceCategory;
import com.demarc.catalog.SummaryRow;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import java.io.Reader;
import java.io.Writer;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads and writes the catalog's YAML form (the shipped file's format); every problem is reported with its line. */
final class CatalogYaml {
    private static final Set<String> TOP = Set.of("model", "domains", "controls", "seedItems", "summary", "services");
    private static final Set<String> MODEL = Set.of("provider", "name", "version", "published", "source");
    private static final Set<String> DOMAIN = Set.of("code", "name");
    private static final Set<String> CONTROL = Set.of("code", "domain", "title", "description", "owner", "customerPart",
            "awsPart", "infrastructure", "container", "abstracted", "ccm", "nist", "source", "seed");
    private static final Set<String> SEED = Set.of("id", "section", "text");
    private static final Set<String> SUMMARY = Set.of("code", "text", "owner", "controls");
    private static final Set<String> SERVICE = Set.of("code", "name", "category");

    private CatalogYaml() {
    }

    static CatalogDocument read(Reader in) {
        var problems = new Problems();
        var top = mapping(compose(in, problems), TOP, problems);
        var header = header(top, problems);
        var domains = domains(top, problems);
        var controls = controls(top, problems);
        var seedItems = seedItems(top, problems);
        Map<String, Integer> lines = new HashMap<>();
        var summary = summary(top, problems, lines);
        var services = services(top, problems);
        CatalogValidator.checkControls(controls, domains, problems);
        CatalogValidator.checkSummary(summary, seedItems, controls, problems, lines);
        problems.throwIfAny("YAML");
        return new CatalogDocument(header, domains, controls, seedItems, summary, services);
    }

    /** Parses the YAML into a node tree (safe constructor, no duplicate keys, 20 MB at most). */
    private static Node compose(Reader in, Problems problems) {
        Node root;
        try {
            var options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            options.setCodePointLimit(20 * 1024 * 1024);
            root = new Yaml(new SafeConstructor(options), new org.yaml.snakeyaml.representer.Representer(new DumperOptions()),
                    new DumperOptions(), options).compose(in);
        } catch (MarkedYAMLException e) {
            problems.add(e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1,
                    "this is not valid YAML (" + e.getProblem() + ").");
            problems.throwIfAny("YAML");
            throw new IllegalStateException();
        } catch (YAMLException e) {
            problems.add(0, "this is not valid YAML (" + e.getMessage() + ").");
            problems.throwIfAny("YAML");
            throw new IllegalStateException();
        }
        if (!(root instanceof MappingNode)) {
            problems.add(1, "the file must start with 'model:', 'domains:' and 'controls:' sections.");
            problems.throwIfAny("YAML");
        }
        return root;
    }

    private static CatalogDocument.Header header(Map<String, Node> top, Problems problems) {
        if (!top.containsKey("model")) {
            problems.add(1, "the 'model' section (provider, name, version, published) is missing.");
            return null;
        }
        var m = mapping(top.get("model"), MODEL, problems);
        int line = line(top.get("model"));
        String provider = required(m, "provider", line, problems);
        String name = required(m, "name", line, problems);
        String version = required(m, "version", line, problems);
        LocalDate published = null;
        String date = required(m, "published", line, problems);
        if (date != null) {
            try {
                published = LocalDate.parse(date);
            } catch (DateTimeParseException e) {
                problems.add(line(m.get("published")), "published '" + date + "' is not a date like 2026-11-28.");
            }
        }
        return new CatalogDocument.Header(provider, name, version, published, text(m.get("source")));
    }

    private static List<Domain> domains(Map<String, Node> top, Problems problems) {
        List<Domain> domains = new ArrayList<>();
        for (Node n : seq(top.get("domains"), "domains", problems)) {
            var m = mapping(n, DOMAIN, problems);
            String code = required(m, "code", line(n), problems);
            if (code != null && !CatalogValidator.DOMAIN_CODE.matcher(code).matches()) {
                problems.add(line(n), "domain code '" + code + "' is not valid: use 2 to 12 capitals or digits.");
            }
            domains.add(new Domain(code, required(m, "name", line(n), problems)));
        }
        if (!top.containsKey("domains")) {
            problems.add(1, "the 'domains' section is missing.");
        }
        return domains;
    }

    private static List<CatalogDocument.ControlRow> controls(Map<String, Node> top, Problems problems) {
        List<CatalogDocument.ControlRow> controls = new ArrayList<>();
        for (Node n : seq(top.get("controls"), "controls", problems)) {
            var m = mapping(n, CONTROL, problems);
            int line = line(n);
            controls.add(new CatalogDocument.ControlRow(line, text(m.get("code")), text(m.get("domain")),
                    text(m.get("title")), text(m.get("description")),
                    owner(m.get("owner"), "owner", true, line, problems), blankToNull(text(m.get("customerPart"))),
                    blankToNull(text(m.get("awsPart"))),
                    owner(m.get("infrastructure"), "infrastructure", false, line, problems),
                    owner(m.get("container"), "container", false, line, problems),
                    owner(m.get("abstracted"), "abstracted", false, line, problems),
                    strings(m.get("ccm"), problems), strings(m.get("nist"), problems),
                    text(m.get("source")), strings(m.get("seed"), problems)));
        }
        if (!top.containsKey("controls")) {
            problems.add(1, "the 'controls' section is missing.");
        }
        return controls;
    }

    private static List<SeedItem> seedItems(Map<String, Node> top, Problems problems) {
        List<SeedItem> seedItems = new ArrayList<>();
        for (Node n : seq(top.get("seedItems"), "seedItems", problems)) {
            var m = mapping(n, SEED, problems);
            seedItems.add(new SeedItem(required(m, "id", line(n), problems), required(m, "section", line(n), problems),
                    required(m, "text", line(n), problems)));
        }
        return seedItems;
    }

    /** The summary rows; {@code lines} gets each row's line for the validator's messages. */
    private static List<SummaryRow> summary(Map<String, Node> top, Problems problems, Map<String, Integer> lines) {
        List<SummaryRow> summary = new ArrayList<>();
        for (Node n : seq(top.get("summary"), "summary", problems)) {
            var m = mapping(n, SUMMARY, problems);
            String code = required(m, "code", line(n), problems);
            lines.put("summary:" + code, line(n));
            Owner owner = m.containsKey("owner") ? owner(m.get("owner"), "owner", true, line(n), problems) : null;
            if (owner == null && !m.containsKey("owner")) {
                problems.add(line(n), "summary row " + code + " has no owner.");
            }
            summary.add(new SummaryRow(code, required(m, "text", line(n), problems), owner, strings(m.get("controls"), problems)));
        }
        return summary;
    }

    private static List<CatalogDocument.ServiceRow> services(Map<String, Node> top, Problems problems) {
        List<CatalogDocument.ServiceRow> services = new ArrayList<>();
        for (Node n : seq(top.get("services"), "services", problems)) {
            var m = mapping(n, SERVICE, problems);
            String category = required(m, "category", line(n), problems);
            ServiceCategory cat = null;
            if (category != null) {
                try {
                    cat = ServiceCategory.valueOf(category);
                } catch (IllegalArgumentException e) {
                    problems.add(line(n), "bad category '" + category + "': use INFRASTRUCTURE, CONTAINER or ABSTRACTED.");
                }
            }
            services.add(new CatalogDocument.ServiceRow(required(m, "code", line(n), problems),
                    required(m, "name", line(n), problems), cat));
        }
        return services;
    }

    static void write(CatalogDocument doc, Writer out) {
        Map<String, Object> root = new LinkedHashMap<>();
        var h = doc.header();
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("provider", h.provider());
        model.put("name", h.name());
        model.put("version", h.version());
        model.put("published", h.published().toString());
        model.put("source", h.source() == null ? "" : h.source());
        root.put("model", model);
        root.put("domains", doc.domains().stream().map(d -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("code", d.code());
            m.put("name", d.name());
            return m;
        }).toList());
        root.put("controls", doc.controls().stream().map(c -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("code", c.code());
            m.put("domain", c.domain());
            m.put("title", c.title());
            m.put("description", c.description());
            m.put("owner", c.owner().name());
            if (c.customerPart() != null) {
                m.put("customerPart", c.customerPart());
            }
            if (c.awsPart() != null) {
                m.put("awsPart", c.awsPart());
            }
            m.put("infrastructure", c.infrastructure().name());
            m.put("container", c.container().name());
            m.put("abstracted", c.abstracted().name());
            m.put("ccm", c.ccm());
            m.put("nist", c.nist());
            m.put("source", c.source() == null ? "" : c.source());
            m.put("seed", c.seed());
            return m;
        }).toList());
        root.put("seedItems", doc.seedItems().stream().map(s -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", s.code());
            m.put("section", s.section());
            m.put("text", s.text());
            return m;
        }).toList());
        root.put("summary", doc.summary().stream().map(s -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("code", s.code());
            m.put("text", s.text());
            m.put("owner", s.owner().name());
            m.put("controls", s.controlCodes());
            return m;
        }).toList());
        root.put("services", doc.services().stream().map(s -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("code", s.code());
            m.put("name", s.name());
            m.put("category", s.category().name());
            return m;
        }).toList());
        var options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndent(2);
        options.setIndicatorIndent(2);
        options.setIndentWithIndicator(true);
        options.setWidth(120);
        options.setSplitLines(true);
        new Yaml(options).dump(root, out);
    }

    // --- node helpers

    static int line(Node n) {
        return n == null ? 0 : n.getStartMark().getLine() + 1;
    }

    private static Map<String, Node> mapping(Node n, Set<String> allowed, Problems problems) {
        Map<String, Node> result = new LinkedHashMap<>();
        if (!(n instanceof MappingNode map)) {
            if (n != null) {
                problems.add(line(n), "expected fields (key: value) here.");
            }
            return result;
        }
        for (var tuple : map.getValue()) {
            String key = text(tuple.getKeyNode());
            if (!allowed.contains(key)) {
                problems.add(line(tuple.getKeyNode()), "unknown field '" + key + "' (allowed: "
                        + String.join(", ", allowed.stream().sorted().toList()) + ").");
                continue;
            }
            result.put(key, tuple.getValueNode());
        }
        return result;
    }

    private static List<Node> seq(Node n, String name, Problems problems) {
        if (n == null) {
            return List.of();
        }
        if (!(n instanceof SequenceNode s)) {
            problems.add(line(n), "'" + name + "' must be a list (items starting with '- ').");
            return List.of();
        }
        return s.getValue();
    }

    private static String text(Node n) {
        if (n instanceof ScalarNode s) {
            return s.getValue();
        }
        return null;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static String required(Map<String, Node> m, String key, int line, Problems problems) {
        String value = text(m.get(key));
        if (value == null || value.isBlank()) {
            problems.add(m.containsKey(key) ? line(m.get(key)) : line, key + " is missing.");
            return null;
        }
        return value;
    }

    private static List<String> strings(Node n, Problems problems) {
        if (n == null) {
            return List.of();
        }
        if (n instanceof ScalarNode s) {
            return s.getValue().isBlank() ? List.of() : List.of(s.getValue().split("\\s*;\\s*"));
        }
        List<String> result = new ArrayList<>();
        for (Node item : seq(n, "list", problems)) {
            String v = text(item);
            if (v == null) {
                problems.add(line(item), "expected a plain value in this list.");
            } else {
                result.add(v);
            }
        }
        return List.copyOf(result);
    }

    private static Owner owner(Node n, String field, boolean defaultOwner, int line, Problems problems) {
        String value = text(n);
        return CatalogCsv.parseOwner(value, field, defaultOwner, n == null ? line : line(n), problems);
    }
}
