package com.demarc.oscal;

import com.demarc.catalog.CatalogService;
import com.demarc.catalog.Owner;
import com.demarc.evidence.AttestationService;
import com.demarc.evidence.EvidenceService;
import com.demarc.organization.OrganizationService;
import com.demarc.oscal.internal.OscalIo;
import com.demarc.oscal.internal.SspDocument;
import com.demarc.project.ControlQuery;
import com.demarc.project.Project;
import com.demarc.project.ProjectControl;
import com.demarc.project.ProjectService;
import com.demarc.project.Status;
import com.demarc.raci.Assignee;
import com.demarc.raci.RaciEntry;
import com.demarc.raci.RaciRole;
import com.demarc.raci.RaciService;
import com.demarc.shared.Actors;
import com.demarc.shared.DemarcUser;
import com.demarc.shared.UserFacingException;
import com.demarc.support.DemarcTest;
import com.demarc.support.Fixtures;
import com.demarc.support.TestFiles;
import gov.nist.secauto.oscal.lib.model.ByComponent;
import gov.nist.secauto.oscal.lib.model.Catalog;
import gov.nist.secauto.oscal.lib.model.ComponentDefinition;
import gov.nist.secauto.oscal.lib.model.ImplementedRequirement;
import gov.nist.secauto.oscal.lib.model.Profile;
import gov.nist.secauto.oscal.lib.model.SystemSecurityPlan;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.userdetails.UserDetailsService;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** OSCAL documents: valid for liboscal-java (schema + constraints), loadable, stable, and saying the right things. */
@DemarcTest
class OscalServiceTest {
    @Autowired
    OscalService oscal;
    @Autowired
    CatalogService catalog;
    @Autowired
    ProjectService projects;
    @Autowired
    RaciService raci;
    @Autowired
    EvidenceService evidence;
    @Autowired
    AttestationService attestations;
    @Autowired
    OrganizationService organization;
    @Autowired
    UserDetailsService users;
    @Autowired
    Fixtures fixtures;

    <T> T as(String username, Supplier<T> work) {
        var result = new AtomicReference<T>();
        Actors.runAs((DemarcUser) users.loadUserByUsername(username), () -> result.set(work.get()));
        return result.get();
    }

    void asDo(String username, Runnable work) {
        Actors.runAs((DemarcUser) users.loadUserByUsername(username), work);
    }

    /** Valid with the catalog and profile it refers to beside it (as an assessor would receive them). */
    void assertValid(OscalFile file, com.demarc.catalog.ModelId model) {
        assertValid(file, model, file.format());
    }

    void assertValid(OscalFile file, com.demarc.catalog.ModelId model, OscalFormat companionFormat) {
        var companions = new java.util.HashMap<String, byte[]>();
        for (var kind : List.of(OscalService.CatalogDocument.CATALOG, OscalService.CatalogDocument.PROFILE)) {
            var doc = as("auditor", () -> oscal.exportCatalog(model, kind, companionFormat));
            companions.put(doc.fileName(), doc.bytes());
        }
        assertThat(OscalIo.validate(file.bytes(), file.format(), companions)).as(file.fileName()).isEmpty();
    }

    @Test
    void catalogProfileAndComponentDefinitionValidateAndLoadBackInEveryFormat() throws Exception {
        var model = as("auditor", () -> catalog.latestModel());
        for (OscalFormat format : OscalFormat.values()) {
            var cat = as("auditor", () -> oscal.exportCatalog(model.id(), OscalService.CatalogDocument.CATALOG, format));
            assertValid(cat, model.id());
            Catalog loaded = OscalIo.read(cat.bytes(), Catalog.class, format);
            var iam02 = loaded.getGroups().stream().flatMap(g -> g.getControls().stream())
                    .filter(c -> c.getId().equals("SRM-IAM-02")).findFirst().orElseThrow();
            assertThat(iam02.getProps()).anyMatch(p -> p.getName().equals("nist-sp800-53-r5"));
            assertThat(loaded.getGroups()).anyMatch(g -> g.getId().equals("IAM"));

            var profile = as("auditor", () -> oscal.exportCatalog(model.id(), OscalService.CatalogDocument.PROFILE, format));
            assertValid(profile, model.id());
            assertThat(OscalIo.read(profile.bytes(), Profile.class, format).getImports()).hasSize(1);

            var cd = as("auditor", () -> oscal.exportCatalog(model.id(), OscalService.CatalogDocument.COMPONENT_DEFINITION, format));
            assertValid(cd, model.id());
            ComponentDefinition def = OscalIo.read(cd.bytes(), ComponentDefinition.class, format);
            assertThat(def.getComponents().getFirst().getControlImplementations()).hasSize(3);
        }
        var again = as("auditor", () -> oscal.exportCatalog(model.id(), OscalService.CatalogDocument.CATALOG, OscalFormat.JSON));
        assertThat(new String(again.bytes(), StandardCharsets.UTF_8)).isEqualTo(new String(as("auditor",
                () -> oscal.exportCatalog(model.id(), OscalService.CatalogDocument.CATALOG, OscalFormat.JSON)).bytes(),
                StandardCharsets.UTF_8));
    }

    @Test
    void theSspSaysWhoOwnsWhatAndCarriesTheEvidenceHash() throws Exception {
        Project project = fixtures.project("Payments", "OSCAL", "EC2", "S3");
        List<ProjectControl> rows = as("manager", () -> projects.controls(
                new ControlQuery(project.id(), null, null, null, null, null), 0, 500));
        ProjectControl awsRow = rows.stream().filter(r -> r.data().owner() == Owner.AWS).findFirst().orElseThrow();
        ProjectControl sharedRow = rows.stream().filter(r -> r.data().owner() == Owner.SHARED).findFirst().orElseThrow();
        ProjectControl customerRow = rows.stream().filter(r -> r.data().owner() == Owner.CUSTOMER).findFirst().orElseThrow();
        ProjectControl naRow = rows.stream().filter(r -> r.data().owner() == Owner.CUSTOMER && r != customerRow)
                .findFirst().orElseThrow();

        var alice = as("manager", () -> organization.people()).stream().filter(u -> u.username().equals("alice"))
                .findFirst().orElseThrow();
        var team = fixtures.team("Payments");
        asDo("manager", () -> {
            raci.setRaci(customerRow.id(), projects.control(customerRow.id()).version(), List.of(
                    new RaciEntry(RaciRole.A, Assignee.person(alice.id(), "alice")),
                    new RaciEntry(RaciRole.R, Assignee.team(team, "Payments"))));
            projects.setStatus(customerRow.id(), projects.control(customerRow.id()).version(), Status.IMPLEMENTED, null, null, "");
            projects.setStatus(naRow.id(), projects.control(naRow.id()).version(), Status.NOT_APPLICABLE,
                    "No cardholder data is stored here.", null, "");
        });
        byte[] pdf = TestFiles.pdf("OSCAL evidence " + UUID.randomUUID());
        var item = as("alice", () -> evidence.upload(customerRow.id(), null, "policy.pdf", new ByteArrayInputStream(pdf),
                "Access policy", LocalDate.now().minusDays(1), LocalDate.now().plusDays(90)));
        asDo("manager", () -> evidence.review(item.current().id(), item.current().version(), true, "ok"));
        var attestation = as("manager", () -> attestations.create("AWS SOC 2 " + UUID.randomUUID(), "SOC 2 Type II",
                LocalDate.now().minusMonths(6), LocalDate.now().minusDays(1), LocalDate.now().plusMonths(6),
                "https://aws.amazon.com/artifact/", null, null));
        asDo("manager", () -> attestations.link(attestation.id(), List.of(awsRow.data().code()), List.of(project.id())));

        for (OscalFormat format : OscalFormat.values()) {
            assertValid(as("alice", () -> oscal.exportSsp(project.id(), format)), project.modelId(), OscalFormat.JSON);
        }
        var first = as("alice", () -> oscal.exportSsp(project.id(), OscalFormat.JSON));
        var second = as("auditor", () -> oscal.exportSsp(project.id(), OscalFormat.JSON));
        assertThat(new String(second.bytes(), StandardCharsets.UTF_8))
                .as("an unchanged project exports byte for byte the same").isEqualTo(new String(first.bytes(), StandardCharsets.UTF_8));

        SystemSecurityPlan ssp = OscalIo.read(first.bytes(), SystemSecurityPlan.class, OscalFormat.JSON);
        Map<String, ImplementedRequirement> byControl = new java.util.HashMap<>();
        ssp.getControlImplementation().getImplementedRequirements().forEach(ir -> byControl.put(ir.getControlId(), ir));
        UUID thisSystem = SspDocument.thisSystemUuid(project);
        var aws = as("manager", () -> catalog.controlsFor(project.modelId()));

        // AWS-owned: inherited, pointing at AWS's provided statement
        var awsIr = byControl.get(awsRow.data().code());
        ByComponent awsExport = component(awsIr, com.demarc.oscal.internal.CatalogDocuments.awsComponentUuid());
        var provided = awsExport.getExport().getProvided().getFirst();
        ByComponent own = component(awsIr, thisSystem);
        assertThat(own.getInherited()).singleElement().satisfies(i -> assertThat(i.getProvidedUuid()).isEqualTo(provided.getUuid()));
        assertThat(own.getSatisfied()).isNullOrEmpty();
        var awsData = catalogControl(awsRow).data();
        String awsPart = awsData.awsPart() != null && !awsData.awsPart().isBlank() ? awsData.awsPart() : awsData.description();
        assertThat(provided.getDescription().toMarkdown()).contains(firstWords(awsPart));

        // shared: inherited + satisfied, satisfied pointing at AWS's responsibility
        var sharedIr = byControl.get(sharedRow.data().code());
        var sharedExport = component(sharedIr, com.demarc.oscal.internal.CatalogDocuments.awsComponentUuid()).getExport();
        var responsibility = sharedExport.getResponsibilities().getFirst();
        ByComponent sharedOwn = component(sharedIr, thisSystem);
        assertThat(sharedOwn.getInherited()).singleElement().satisfies(i ->
                assertThat(i.getProvidedUuid()).isEqualTo(sharedExport.getProvided().getFirst().getUuid()));
        assertThat(sharedOwn.getSatisfied()).singleElement().satisfies(s ->
                assertThat(s.getResponsibilityUuid()).isEqualTo(responsibility.getUuid()));
        assertThat(responsibility.getProvidedUuid()).isEqualTo(sharedExport.getProvided().getFirst().getUuid());

        // customer: by-component this-system with its status and R/A roles
        var customerIr = byControl.get(customerRow.data().code());
        assertThat(customerIr.getByComponents()).singleElement().satisfies(b -> {
            assertThat(b.getComponentUuid()).isEqualTo(thisSystem);
            assertThat(b.getImplementationStatus().getState()).isEqualTo("implemented");
            assertThat(b.getResponsibleRoles()).anySatisfy(r -> {
                assertThat(r.getRoleId()).isEqualTo("accountable");
                assertThat(r.getPartyUuids()).containsExactly(SspDocument.userParty("alice"));
            });
            assertThat(b.getResponsibleRoles()).anySatisfy(r -> {
                assertThat(r.getRoleId()).isEqualTo("responsible");
                assertThat(r.getPartyUuids()).containsExactly(SspDocument.teamParty(team));
            });
        });
        assertThat(ssp.getMetadata().getParties()).anyMatch(p -> p.getUuid().equals(SspDocument.userParty("alice")));

        // not applicable with its justification
        var na = component(byControl.get(naRow.data().code()), thisSystem).getImplementationStatus();
        assertThat(na.getState()).isEqualTo("not-applicable");
        assertThat(na.getRemarks().toMarkdown()).contains("No cardholder data is stored here.");

        // the accepted evidence file in back-matter with its stored SHA-256
        String stored = as("alice", () -> evidence.items(customerRow.id())).getFirst().current().sha256();
        assertThat(stored).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(pdf)));
        var resource = ssp.getBackMatter().getResources().stream()
                .filter(r -> r.getUuid().equals(SspDocument.evidenceResource(item.id(), 1))).findFirst().orElseThrow();
        assertThat(resource.getRlinks().getFirst().getHashes()).singleElement().satisfies(h -> {
            assertThat(h.getAlgorithm()).isEqualTo("SHA-256");
            assertThat(h.getValue()).isEqualTo(stored);
        });

        // AWS as a leveraged authorization: the linked attestation
        assertThat(ssp.getSystemImplementation().getLeveragedAuthorizations()).singleElement().satisfies(la ->
                assertThat(la.getTitle().toMarkdown()).contains("SOC 2 Type II"));
        assertThat(ssp.getSystemCharacteristics().getProps()).anyMatch(p -> p.getName().equals("aws-service") && p.getValue().equals("S3"));
        assertThat(aws).isNotEmpty();
    }

    @Test
    void aMemberCannotExportAnotherTeamsProjectAndAnAdminNone() {
        Project other = fixtures.project("Data Platform", "OSCAL other", "EC2");
        assertThatThrownBy(() -> asDo("alice", () -> oscal.exportSsp(other.id(), OscalFormat.JSON)))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> asDo("admin", () -> oscal.exportSsp(other.id(), OscalFormat.JSON)))
                .isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void anExportedCatalogImportsBackAsANewVersionAndAProfileAsATailoredOne() {
        var model = as("manager", () -> catalog.latestModel());
        var exported = as("manager", () -> oscal.exportCatalog(model.id(), OscalService.CatalogDocument.CATALOG, OscalFormat.JSON));
        String version = "oscal-" + UUID.randomUUID().toString().substring(0, 8);
        String json = new String(exported.bytes(), StandardCharsets.UTF_8)
                .replace("\"version\" : \"" + model.version() + "\"", "\"version\" : \"" + version + "\"")
                .replace("\"version\":\"" + model.version() + "\"", "\"version\":\"" + version + "\"");
        assertThat(json).contains(version);
        // imported versions are dated in the past: the newest version is the one new projects follow, and the later
        // tests in this database create projects that expect the shipped catalog
        String dated = json.replaceAll("\"(published|last-modified)\"\\s*:\\s*\"[^\"]+\"", "\"$1\" : \"2020-01-04T00:00:00Z\"");
        assertThat(dated).contains("2020-01-04T00:00:00Z");
        OscalImportReport report;
        try {
            report = as("manager", () -> oscal.importDocument("catalog.json", dated.getBytes(StandardCharsets.UTF_8)));
        } catch (UserFacingException e) {
            throw new AssertionError(e.getMessage() + " " + e.problems(), e);
        }
        assertThat(report.model().version()).isEqualTo(version);
        int before = as("manager", () -> catalog.controlsFor(model.id())).stream().filter(c -> !c.data().organisation()).toList().size();
        assertThat(report.controls()).isEqualTo(before);
        assertThat(report.notMapped()).isEmpty();
        var imported = as("manager", () -> catalog.controlsFor(report.model().id())).stream()
                .filter(c -> c.data().code().equals("SRM-IAM-02")).findFirst().orElseThrow();
        var original = as("manager", () -> catalog.controlsFor(model.id())).stream()
                .filter(c -> c.data().code().equals("SRM-IAM-02")).findFirst().orElseThrow();
        assertThat(imported.data().infrastructure()).isEqualTo(original.data().infrastructure());
        assertThat(imported.data().abstracted()).isEqualTo(original.data().abstracted());
        assertThat(imported.data().nistIds()).isEqualTo(original.data().nistIds());

        String profileVersion = "tailored-" + UUID.randomUUID().toString().substring(0, 8);
        String profile = """
                {"profile": {"uuid": "%s",
                  "metadata": {"title": "Our tailoring", "last-modified": "2020-01-05T00:00:00Z", "version": "%s", "oscal-version": "1.1.3"},
                  "imports": [{"href": "https://example.com/unknown-catalog.json",
                    "include-controls": [{"with-ids": ["SRM-IAM-02", "SRM-DATA-01", "XX-99"]}]}]}}
                """.formatted(UUID.randomUUID(), profileVersion);
        var tailored = as("manager", () -> oscal.importDocument("profile.json", profile.getBytes(StandardCharsets.UTF_8)));
        assertThat(tailored.controls()).isEqualTo(2);
        assertThat(tailored.notMapped()).anyMatch(l -> l.contains("XX-99")).anyMatch(l -> l.contains("not a Demarc catalog"));
    }

    @Test
    void aBadDocumentIsRefusedWithAReportAndNothingIsStored() {
        int versions = as("manager", () -> catalog.models()).size();
        assertThatThrownBy(() -> as("manager", () -> oscal.importDocument("bad.json",
                "{\"catalog\": {\"uuid\": \"not-a-uuid\"}}".getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(UserFacingException.class)
                .hasMessageContaining("Nothing was imported")
                .satisfies(e -> assertThat(((UserFacingException) e).problems()).isNotEmpty());
        assertThatThrownBy(() -> as("manager", () -> oscal.importDocument("bad.json",
                "this is not json".getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(UserFacingException.class).hasMessageContaining("Nothing was imported");
        assertThat(as("manager", () -> catalog.models())).hasSize(versions);
        assertThatThrownBy(() -> as("auditor", () -> oscal.importDocument("x.json", new byte[0])))
                .isInstanceOf(AccessDeniedException.class);
    }

    private com.demarc.catalog.Control catalogControl(ProjectControl row) {
        return as("manager", () -> catalog.control(row.data().controlId())).orElseThrow();
    }

    private static String firstWords(String text) {
        String s = text.strip().replaceAll("\\s+", " ");
        return s.substring(0, Math.min(20, s.length()));
    }

    private static ByComponent component(ImplementedRequirement ir, UUID component) {
        return ir.getByComponents().stream().filter(b -> b.getComponentUuid().equals(component)).findFirst().orElseThrow();
    }
}
