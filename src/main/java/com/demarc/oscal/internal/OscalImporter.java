package com.demarc.oscal.internal;

import com.demarc.catalog.Control;
import com.demarc.catalog.ModelId;
import com.demarc.catalog.Owner;
import com.demarc.catalog.ResponsibilityModel;
import com.demarc.shared.SpreadsheetCells;
import com.demarc.shared.UserFacingException;
import gov.nist.secauto.metaschema.core.model.IBoundObject;
import gov.nist.secauto.oscal.lib.model.BackMatter;
import gov.nist.secauto.oscal.lib.model.Catalog;
import gov.nist.secauto.oscal.lib.model.CatalogGroup;
import gov.nist.secauto.oscal.lib.model.ControlPart;
import gov.nist.secauto.oscal.lib.model.Metadata;
import gov.nist.secauto.oscal.lib.model.Profile;
import gov.nist.secauto.oscal.lib.model.ProfileImport;
import gov.nist.secauto.oscal.lib.model.ProfileSelectControlById;
import gov.nist.secauto.oscal.lib.model.Property;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Maps an OSCAL catalog or profile onto the catalog module's CSV import (ADR 0015): groups → domains, controls →
 * controls (sub-controls flattened), statement → description, Demarc's own props and parts → owners and halves.
 * What has no place in the model is listed in {@link Mapped#notMapped()}.
 */
public final class OscalImporter {
    private static final String[] COLUMNS = {"code", "domain", "domain_name", "title", "description", "owner",
            "customer_part", "aws_part", "infrastructure", "container", "abstracted", "ccm_ids", "nist_ids",
            "source_url", "seed"};
    private static final Pattern CODE = Pattern.compile("^[A-Z][A-Z0-9]{1,9}(-[A-Z0-9]{1,12}){1,3}$");

    /** The CSV to hand to the catalog's import, the model header, and the report. */
    public record Mapped(String csv, String name, String version, LocalDate published, int controls,
                         List<String> notMapped) {
    }

    private OscalImporter() {
    }

    public static Mapped map(byte[] bytes, List<ResponsibilityModel> models, Function<ModelId, List<Control>> controlsOf) {
        IBoundObject root;
        try {
            root = OscalIo.load(bytes);
        } catch (IOException | RuntimeException e) {
            throw new UserFacingException("Nothing was imported: the file could not be read as OSCAL ("
                    + e.getMessage() + "). Import an OSCAL catalog or profile in JSON, XML or YAML.");
        }
        if (root instanceof Catalog c) {
            return fromCatalog(c);
        }
        if (root instanceof Profile p) {
            return fromProfile(p, models, controlsOf);
        }
        throw new UserFacingException("Nothing was imported: the file is an OSCAL "
                + root.getClass().getSimpleName() + ", not a catalog or profile. Import an OSCAL catalog or profile.");
    }

    /** Whether the (schema-valid) document is a catalog, read through the bindings without resolving anything. */
    public static boolean isCatalog(byte[] bytes) {
        try {
            return OscalIo.load(bytes) instanceof Catalog;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private record Row(String code, String domain, String domainName, String title, String description, Owner owner,
                       String customerPart, String awsPart, Owner infrastructure, Owner container, Owner abstracted,
                       List<String> ccm, List<String> nist, String source) {
    }

    private static Mapped fromCatalog(Catalog catalog) {
        var report = new ArrayList<String>();
        var rows = new LinkedHashMap<String, Row>();
        if (catalog.getGroups() != null) {
            for (CatalogGroup g : catalog.getGroups()) {
                group(g, null, null, rows, report);
            }
        }
        if (catalog.getControls() != null && !catalog.getControls().isEmpty()) {
            report.add(catalog.getControls().size() + " control(s) outside any group: imported into the domain GEN (General).");
            for (var c : catalog.getControls()) {
                control(c, "GEN", "General", rows, report);
            }
        }
        if (catalog.getParams() != null && !catalog.getParams().isEmpty()) {
            report.add(catalog.getParams().size() + " catalog parameter(s): Demarc has no parameters; not imported.");
        }
        var header = header(catalog.getMetadata(), report);
        return new Mapped(csv(rows.values()), header[0], header[1], LocalDate.parse(header[2]), rows.size(), report);
    }

    private static void group(CatalogGroup g, String domain, String domainName, Map<String, Row> rows, List<String> report) {
        String code = domain != null ? domain : domainCode(g.getId(), Markup.text(g.getTitle()));
        String name = domainName != null ? domainName : Markup.text(g.getTitle());
        if (domain != null) {
            report.add("group " + g.getId() + " is nested: its controls were imported into the domain " + domain + ".");
        }
        if (g.getParts() != null && !g.getParts().isEmpty()) {
            report.add("group " + g.getId() + ": its " + g.getParts().size() + " part(s) (group text) have no place in a domain; not imported.");
        }
        if (g.getControls() != null) {
            for (var c : g.getControls()) {
                control(c, code, name, rows, report);
            }
        }
        if (g.getGroups() != null) {
            for (var sub : g.getGroups()) {
                group(sub, code, name, rows, report);
            }
        }
    }

    static String domainCode(String id, String title) {
        String base = (id == null || id.isBlank() ? title : id).toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "");
        if (base.isEmpty() || !Character.isLetter(base.charAt(0))) {
            base = "D" + base;
        }
        if (base.length() < 2) {
            base = base + "X";
        }
        return base.length() > 12 ? base.substring(0, 12) : base;
    }

    private static void control(gov.nist.secauto.oscal.lib.model.Control c, String domain, String domainName,
                                Map<String, Row> rows, List<String> report) {
        String code = c.getId() == null ? "" : c.getId().toUpperCase(Locale.ROOT).replaceAll("[._ ]", "-");
        if (!CODE.matcher(code).matches()) {
            report.add("control " + c.getId() + ": its id cannot become a Demarc code (letters, digits and hyphens, "
                    + "e.g. AC-2 or ORG-PCI-01); not imported.");
        } else if (rows.containsKey(code)) {
            report.add("control " + c.getId() + ": its id is the same as another control's once written as " + code
                    + "; not imported.");
        } else {
            rows.put(code, row(c, code, domain, domainName, report));
        }
        if (c.getControls() != null) {
            for (var sub : c.getControls()) {
                report.add("control " + sub.getId() + " is an enhancement of " + c.getId() + ": imported as its own control.");
                control(sub, domain, domainName, rows, report);
            }
        }
    }

    private static Row row(gov.nist.secauto.oscal.lib.model.Control c, String code, String domain, String domainName,
                           List<String> report) {
        Map<String, String> own = new LinkedHashMap<>();
        var ccm = new ArrayList<String>();
        var nist = new ArrayList<String>();
        if (c.getProps() != null) {
            for (Property p : c.getProps()) {
                if (Markup.NS.equals(p.getNs())) {
                    switch (p.getName()) {
                        case "csa-ccm-v4" -> ccm.add(p.getValue());
                        case "nist-sp800-53-r5" -> nist.add(p.getValue());
                        default -> own.put(p.getName(), p.getValue());
                    }
                }
            }
        }
        String statement = null;
        String customer = null;
        String aws = null;
        int otherParts = 0;
        if (c.getParts() != null) {
            for (ControlPart part : c.getParts()) {
                switch (part.getName()) {
                    case "statement" -> statement = prose(part);
                    case "customer-responsibility" -> customer = prose(part);
                    case "aws-responsibility" -> aws = prose(part);
                    default -> otherParts++;
                }
            }
        }
        if (otherParts > 0) {
            report.add("control " + c.getId() + ": " + otherParts + " part(s) other than the statement (e.g. guidance) "
                    + "have no place in a Demarc control; not imported.");
        }
        if (c.getParams() != null && !c.getParams().isEmpty()) {
            report.add("control " + c.getId() + ": " + c.getParams().size() + " parameter(s) not imported (Demarc has none).");
        }
        String title = Markup.text(c.getTitle());
        if (statement == null || statement.isBlank()) {
            report.add("control " + c.getId() + ": no statement; its title is used as its description.");
            statement = title;
        }
        Owner owner = owner(own.get("owner"));
        Owner infra = owner(own.get("owner-infrastructure"));
        Owner container = owner(own.get("owner-container"));
        Owner abstracted = owner(own.get("owner-abstracted"));
        if (owner == null || owner == Owner.NOT_APPLICABLE) {
            report.add("control " + c.getId() + ": no owner stated; imported as Customer-owned in every service category.");
            owner = Owner.CUSTOMER;
            infra = container = abstracted = Owner.CUSTOMER;
        }
        String source = c.getLinks() == null ? "" : c.getLinks().stream().map(l -> l.getHref().toString())
                .filter(h -> h.matches("^https?://\\S+$")).findFirst().orElse("");
        return new Row(code, domain, domainName, title, statement, owner, customer, aws,
                infra == null ? owner : infra, container == null ? owner : container,
                abstracted == null ? owner : abstracted, ccm, nist, source);
    }

    private static String prose(ControlPart part) {
        var text = new StringBuilder(Markup.text(part.getProse()));
        if (part.getParts() != null) {
            for (ControlPart sub : part.getParts()) {
                text.append(text.isEmpty() ? "" : " ").append(prose(sub));
            }
        }
        return text.toString().replace("\\", "").strip();
    }

    private static Owner owner(String value) {
        if (value == null) {
            return null;
        }
        try {
            return Owner.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** name, version, published (ISO date). */
    private static String[] header(Metadata m, List<String> report) {
        String name = Markup.text(m.getTitle());
        String version = m.getVersion() == null ? "" : m.getVersion().strip();
        var when = m.getPublished() != null ? m.getPublished() : m.getLastModified();
        LocalDate published = when == null ? LocalDate.now(ZoneOffset.UTC) : when.withZoneSameInstant(ZoneOffset.UTC).toLocalDate();
        if (name.length() > 200) {
            name = name.substring(0, 200);
        }
        return new String[] {name, version, published.toString()};
    }

    private static Mapped fromProfile(Profile profile, List<ResponsibilityModel> models,
                                      Function<ModelId, List<Control>> controlsOf) {
        var report = new ArrayList<String>();
        if (models.isEmpty()) {
            throw new UserFacingException("Nothing was imported: no catalog is loaded to apply the profile to.");
        }
        if (profile.getImports().size() > 1) {
            report.add("the profile imports " + profile.getImports().size() + " documents: only the first is applied.");
        }
        ProfileImport imp = profile.getImports().getFirst();
        String href = href(profile, imp);
        ResponsibilityModel base = models.stream()
                .filter(m -> href.endsWith(CatalogDocuments.fileName(m, "catalog", "json"))
                        || href.endsWith(CatalogDocuments.fileName(m, "catalog", "xml"))
                        || href.endsWith(CatalogDocuments.fileName(m, "catalog", "yaml")))
                .findFirst().orElse(null);
        if (base == null) {
            base = models.getFirst();
            report.add("the imported catalog " + href + " is not a Demarc catalog version: the selection is applied "
                    + "to the newest version, " + base.label() + ".");
        }
        var all = controlsOf.apply(base.id()).stream().filter(c -> !c.data().organisation()).toList();
        Set<String> known = new HashSet<>();
        all.forEach(c -> known.add(c.data().code()));
        Set<String> selected = new HashSet<>();
        if (imp.getIncludeAll() != null) {
            selected.addAll(known);
        }
        if (imp.getIncludeControls() != null) {
            selected.addAll(ids(imp.getIncludeControls(), known, "include", report));
        }
        if (imp.getExcludeControls() != null) {
            selected.removeAll(ids(imp.getExcludeControls(), known, "exclude", report));
        }
        if (profile.getModify() != null) {
            report.add("the profile's modify (parameter settings and alterations) is not applied: Demarc controls "
                    + "have no parameters and are changed by importing a version.");
        }
        if (profile.getMerge() != null && profile.getMerge().getCustom() != null) {
            report.add("the profile's custom grouping is not applied: controls keep their domains.");
        }
        var rows = new ArrayList<Row>();
        for (Control c : all) {
            if (!selected.contains(c.data().code())) {
                continue;
            }
            var d = c.data();
            rows.add(new Row(d.code(), d.domainCode(), d.domainName(), d.title(), d.description(), d.defaultOwner(),
                    d.customerPart(), d.awsPart(), d.infrastructure(), d.container(), d.abstracted(), d.ccmIds(),
                    d.nistIds(), d.sourceUrl()));
        }
        if (rows.isEmpty()) {
            throw new UserFacingException("Nothing was imported: the profile selects none of the controls of "
                    + base.label() + ". Check its include-controls ids.");
        }
        var header = header(profile.getMetadata(), report);
        return new Mapped(csv(rows), header[0], header[1], LocalDate.parse(header[2]), rows.size(), report);
    }

    private static String href(Profile profile, ProfileImport imp) {
        String href = imp.getHref() == null ? "" : imp.getHref().toString();
        if (href.startsWith("#") && profile.getBackMatter() != null && profile.getBackMatter().getResources() != null) {
            for (BackMatter.Resource r : profile.getBackMatter().getResources()) {
                if (href.substring(1).equals(String.valueOf(r.getUuid())) && r.getRlinks() != null && !r.getRlinks().isEmpty()) {
                    return r.getRlinks().getFirst().getHref().toString();
                }
            }
        }
        return href;
    }

    private static Set<String> ids(List<ProfileSelectControlById> selections, Set<String> known, String what,
                                   List<String> report) {
        var ids = new HashSet<String>();
        for (var s : selections) {
            if (s.getMatching() != null && !s.getMatching().isEmpty()) {
                report.add(what + "-controls by pattern (matching) is not applied: list the ids.");
            }
            if (s.getWithIds() != null) {
                for (String id : s.getWithIds()) {
                    String code = id.toUpperCase(Locale.ROOT);
                    if (known.contains(code)) {
                        ids.add(code);
                    } else {
                        report.add(what + "-controls names " + id + ", which the catalog version does not have.");
                    }
                }
            }
        }
        return ids;
    }

    private static String csv(Iterable<Row> rows) {
        var out = new StringWriter();
        try (var printer = new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader(COLUMNS).get())) {
            for (Row r : rows) {
                printer.printRecord(SpreadsheetCells.row(r.code(), r.domain(), r.domainName(), r.title(), r.description(),
                        r.owner().name(), nz(r.customerPart()), nz(r.awsPart()), r.infrastructure().name(),
                        r.container().name(), r.abstracted().name(), String.join(";", r.ccm()),
                        String.join(";", r.nist()), nz(r.source()), ""));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
