package com.demarc.catalog.internal;

import com.demarc.catalog.CatalogService;
import com.demarc.catalog.Owner;
import com.demarc.catalog.Shipped;
import com.demarc.shared.UserFacingException;
import com.demarc.support.DemarcTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.test.context.support.WithUserDetails;

import java.io.StringReader;
import java.io.StringWriter;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Import and export: exact round trips, every kind of bad input reported with its line, nothing half-stored. */
@DemarcTest
@WithUserDetails("manager")
class CatalogImportTest {
    @Autowired
    CatalogService catalog;
    @Autowired
    JdbcClient jdbc;

    private String exportYaml() {
        var out = new StringWriter();
        catalog.exportYaml(Shipped.model(catalog).id(), out);
        return out.toString();
    }

    private String exportCsv(com.demarc.catalog.ModelId id) {
        var out = new StringWriter();
        catalog.exportCsv(id, out);
        return out.toString();
    }

    private int count(String table) {
        return jdbc.sql("select count(*) from " + table).query(Integer.class).single();
    }

    @Test
    void yamlRoundTripIsExact() {
        var base = Shipped.model(catalog);
        String yaml = exportYaml();
        // the file format alone: read and write again gives the same text
        var again = new StringWriter();
        CatalogYaml.write(CatalogYaml.read(new StringReader(yaml)), again);
        assertThat(again.toString()).isEqualTo(yaml);

        // through the database as a new version: the export equals the import
        String renamed = yaml.replace("version: '" + base.version() + "'", "version: rt-yaml")
                .replace("version: \"" + base.version() + "\"", "version: rt-yaml")
                .replace("published: '" + base.published() + "'", "published: '2020-01-01'");
        assertThat(renamed).contains("version: rt-yaml").contains("published: '2020-01-01'");
        var imported = catalog.importYaml(new StringReader(renamed));
        var out = new StringWriter();
        catalog.exportYaml(imported.id(), out);
        assertThat(out.toString()).isEqualTo(renamed);
        assertThat(catalog.diff(base.id(), imported.id()).isEmpty()).isTrue();
    }

    @Test
    void csvRoundTripIsExact() {
        var base = Shipped.model(catalog);
        String csv = exportCsv(base.id());
        assertThat(csv).startsWith(String.join(",", CatalogCsv.COLUMNS));
        var imported = catalog.importCsv(new StringReader(csv), "AWS Shared Responsibility Model", "rt-csv", LocalDate.of(2020, 1, 2));
        assertThat(exportCsv(imported.id())).isEqualTo(csv);
        assertThat(catalog.summary(imported.id())).hasSize(13);
        assertThat(catalog.diff(base.id(), imported.id()).isEmpty()).isTrue();
    }

    @Test
    void everyKindOfBadCsvInputIsReportedWithItsLineAndNothingIsStored() {
        String csv = exportCsv(Shipped.model(catalog).id());
        var lines = csv.split("\r\n");
        // line 2: unknown owner, line 3: missing title, line 4: bad category, line 5: duplicate code of line 2
        lines[1] = lines[1].replaceFirst(",CUSTOMER,", ",CUSTMER,");
        lines[2] = replaceField(lines[2], 3, "");
        lines[3] = replaceField(lines[3], 9, "MAYBE");
        lines[4] = replaceField(lines[4], 0, lines[1].split(",")[0]);
        String bad = String.join("\r\n", lines) + "\r\n";
        int models = count("responsibility_model");
        int controls = count("control");
        assertThatThrownBy(() -> catalog.importCsv(new StringReader(bad), "Bad", "bad-csv", LocalDate.now()))
                .isInstanceOfSatisfying(UserFacingException.class, e -> {
                    assertThat(e.getMessage()).contains("Nothing was imported");
                    assertThat(e.problems()).anyMatch(p -> p.startsWith("Line 2:") && p.contains("unknown owner 'CUSTMER'"))
                            .anyMatch(p -> p.startsWith("Line 3:") && p.contains("title is missing"))
                            .anyMatch(p -> p.startsWith("Line 4:") && p.contains("bad category owner 'MAYBE'"))
                            .anyMatch(p -> p.startsWith("Line 5:") && p.contains("duplicate code"));
                });
        assertThat(count("responsibility_model")).isEqualTo(models);
        assertThat(count("control")).isEqualTo(controls);
    }

    @Test
    void everyKindOfBadYamlInputIsReportedWithItsLine() {
        String yaml = """
                model:
                  provider: AWS
                  name: Broken
                  version: broken-1
                  published: 2026-13-01
                domains:
                  - code: IAM
                    name: Identity
                controls:
                  - code: SRM-IAM-01
                    domain: IAM
                    title: One
                    description: d
                    owner: NOBODY
                    infrastructure: CUSTOMER
                    container: CUSTOMER
                    abstracted: CUSTOMER
                  - code: SRM-IAM-01
                    domain: NOPE
                    description: d
                    owner: SHARED
                    infrastructure: CUSTOMER
                    container: SOMETIMES
                    abstracted: CUSTOMER
                    colour: blue
                """;
        int models = count("responsibility_model");
        assertThatThrownBy(() -> catalog.importYaml(new StringReader(yaml)))
                .isInstanceOfSatisfying(UserFacingException.class, e -> assertThat(e.problems())
                        .anyMatch(p -> p.startsWith("Line 5:") && p.contains("not a date"))
                        .anyMatch(p -> p.startsWith("Line 14:") && p.contains("unknown owner 'NOBODY'"))
                        .anyMatch(p -> p.startsWith("Line 18:") && p.contains("duplicate code SRM-IAM-01 (first used on line 10)"))
                        .anyMatch(p -> p.startsWith("Line 18:") && p.contains("title is missing"))
                        .anyMatch(p -> p.startsWith("Line 18:") && p.contains("unknown domain 'NOPE'"))
                        .anyMatch(p -> p.startsWith("Line 18:") && p.contains("needs both the customer's part"))
                        .anyMatch(p -> p.startsWith("Line 23:") && p.contains("bad category owner 'SOMETIMES'"))
                        .anyMatch(p -> p.startsWith("Line 25:") && p.contains("unknown field 'colour'")));
        assertThat(count("responsibility_model")).isEqualTo(models);
    }

    @Test
    void notYamlAtAllAndExistingVersionsAreRefused() {
        assertThatThrownBy(() -> catalog.importYaml(new StringReader("model: [unclosed")))
                .isInstanceOfSatisfying(UserFacingException.class,
                        e -> assertThat(e.problems()).anyMatch(p -> p.contains("not valid YAML")));
        String yaml = exportYaml();
        assertThatThrownBy(() -> catalog.importYaml(new StringReader(yaml)))
                .isInstanceOf(UserFacingException.class).hasMessageContaining("exists already");
    }

    @Test
    void theDiffListsAddedRemovedAndOwnerChangedControls() {
        var base = Shipped.model(catalog);
        String yaml = exportYaml();
        var doc = CatalogYaml.read(new StringReader(yaml));
        var controls = new java.util.ArrayList<>(doc.controls());
        var removed = controls.remove(0);
        var patching = controls.stream().filter(c -> c.code().equals("SRM-PLAT-02")).findFirst().orElseThrow();
        controls.set(controls.indexOf(patching), new CatalogDocument.ControlRow(0, patching.code(), patching.domain(),
                patching.title(), patching.description(), Owner.SHARED, "Patch what you install.", "Patch the rest.",
                Owner.CUSTOMER, Owner.SHARED, Owner.AWS, patching.ccm(), patching.nist(), patching.source(), patching.seed()));
        controls.add(new CatalogDocument.ControlRow(0, "SRM-IAM-99", "IAM", "New duty", "Something new.", Owner.CUSTOMER,
                null, null, Owner.CUSTOMER, Owner.CUSTOMER, Owner.CUSTOMER, java.util.List.of(), java.util.List.of(), "", java.util.List.of()));
        var summary = doc.summary().stream().map(r -> new com.demarc.catalog.SummaryRow(r.code(), r.text(), r.owner(),
                r.controlCodes().stream().filter(c -> !c.equals(removed.code())).toList())).toList();
        var next = new CatalogDocument(new CatalogDocument.Header("AWS", doc.header().name(), "diff-2", LocalDate.of(2020, 1, 3),
                doc.header().source()), doc.domains(), controls, doc.seedItems(), summary, doc.services());
        var out = new StringWriter();
        CatalogYaml.write(next, out);
        var imported = catalog.importYaml(new StringReader(out.toString()));

        var diff = catalog.diff(base.id(), imported.id());
        assertThat(diff.added()).extracting(control -> control.data().code()).containsExactly("SRM-IAM-99");
        assertThat(diff.removed()).extracting(control -> control.data().code()).containsExactly(removed.code());
        assertThat(diff.ownerChanged()).extracting(com.demarc.catalog.CatalogDiff.OwnerChange::code).containsExactly("SRM-PLAT-02");
        assertThat(diff.ownerChanged().get(0).after()).startsWith("Shared");
    }

    private static String replaceField(String csvLine, int index, String value) {
        // the test lines are simple enough to split on commas outside quotes
        var fields = new java.util.ArrayList<String>();
        var current = new StringBuilder();
        boolean quoted = false;
        for (char ch : csvLine.toCharArray()) {
            if (ch == '"') {
                quoted = !quoted;
            }
            if (ch == ',' && !quoted) {
                fields.add(current.toString());
                current.setLength(0);
            } else {
                current.append(ch);
            }
        }
        fields.add(current.toString());
        fields.set(index, value);
        return String.join(",", fields);
    }
}
