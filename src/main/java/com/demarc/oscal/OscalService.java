package com.demarc.oscal;

import com.demarc.audit.AuditAction;
import com.demarc.audit.AuditLog;
import com.demarc.catalog.CatalogService;
import com.demarc.catalog.Control;
import com.demarc.catalog.ControlId;
import com.demarc.catalog.ModelId;
import com.demarc.catalog.ResponsibilityModel;
import com.demarc.evidence.EvidenceService;
import com.demarc.organization.OrganizationService;
import com.demarc.oscal.internal.CatalogDocuments;
import com.demarc.oscal.internal.OscalImporter;
import com.demarc.oscal.internal.OscalIo;
import com.demarc.oscal.internal.SspDocument;
import com.demarc.oscal.internal.SspInput;
import com.demarc.project.ControlQuery;
import com.demarc.project.Project;
import com.demarc.project.ProjectId;
import com.demarc.project.ProjectService;
import com.demarc.raci.RaciService;
import com.demarc.shared.UserFacingException;
import gov.nist.secauto.oscal.lib.model.Catalog;
import gov.nist.secauto.oscal.lib.model.ComponentDefinition;
import gov.nist.secauto.oscal.lib.model.Profile;
import gov.nist.secauto.oscal.lib.model.SystemSecurityPlan;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.unit.DataSize;

import java.io.StringReader;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static com.demarc.shared.Permissions.HAS_CATALOG_EDIT;
import static com.demarc.shared.Permissions.HAS_CATALOG_READ;
import static com.demarc.shared.Permissions.HAS_EVIDENCE_READ;
import static com.demarc.shared.Permissions.HAS_PROJECT_READ;

/**
 * OSCAL documents of Demarc's data (ADR 0015): a catalog version as catalog, profile and AWS component definition, a
 * project as a system security plan; and OSCAL catalogs or profiles imported as new responsibility model versions.
 * Reads only through the catalog, project, raci, evidence and organization services, which check scope again.
 */
@Service
public class OscalService {
    /** What the catalog versions page offers per version. */
    public enum CatalogDocument { CATALOG, PROFILE, COMPONENT_DEFINITION }

    private final CatalogService catalog;
    private final ProjectService projects;
    private final RaciService raci;
    private final EvidenceService evidence;
    private final OrganizationService organization;
    private final AuditLog audit;
    private final Clock clock;
    private final long maxImportSize;
    private final com.demarc.coverage.CoverageService coverage;

    OscalService(CatalogService catalog, ProjectService projects, RaciService raci, EvidenceService evidence,
                 OrganizationService organization, AuditLog audit, Clock clock,
                 @Value("${demarc.catalog.max-import-size:5MB}") DataSize maxImportSize,
                 com.demarc.coverage.CoverageService coverage) {
        this.coverage = coverage;
        this.catalog = catalog;
        this.projects = projects;
        this.raci = raci;
        this.evidence = evidence;
        this.organization = organization;
        this.audit = audit;
        this.clock = clock;
        this.maxImportSize = maxImportSize.toBytes();
    }

    /** A catalog version as an OSCAL catalog, profile or AWS component definition. */
    @PreAuthorize(HAS_CATALOG_READ)
    @Transactional(readOnly = true)
    public OscalFile exportCatalog(ModelId id, CatalogDocument kind, OscalFormat format) {
        ResponsibilityModel model = model(id);
        List<Control> controls = catalog.controlsFor(id).stream().filter(c -> !c.data().organisation()).toList();
        String catalogHref = CatalogDocuments.fileName(model, "catalog", format.extension());
        OscalFile file = switch (kind) {
            case CATALOG -> new OscalFile(catalogHref, format, OscalIo.write(
                    CatalogDocuments.catalog(model, catalog.domains(id), controls), Catalog.class, format));
            case PROFILE -> new OscalFile(CatalogDocuments.fileName(model, "profile", format.extension()), format,
                    OscalIo.write(CatalogDocuments.profile(model, catalogHref), Profile.class, format));
            case COMPONENT_DEFINITION -> new OscalFile(CatalogDocuments.fileName(model, "aws-component-definition",
                    format.extension()), format, OscalIo.write(CatalogDocuments.awsComponentDefinition(model, controls,
                    catalogHref), ComponentDefinition.class, format));
        };
        audit.recordIndependently(AuditAction.OSCAL_EXPORTED, "catalog", model.version(), "Exported " + model.label()
                + " as OSCAL " + kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + " (" + format + ")");
        return file;
    }

    /**
     * A project as an OSCAL system security plan. Auditors and managers (in their scope) and members for their
     * teams' projects; the project, RACI and evidence services check the scope again.
     */
    @PreAuthorize(HAS_PROJECT_READ + " and " + HAS_EVIDENCE_READ)
    @Transactional(readOnly = true)
    public OscalFile exportSsp(ProjectId id, OscalFormat format) {
        SystemSecurityPlan ssp = SspDocument.build(sspInput(id));
        Project project = projects.project(id);
        var file = new OscalFile(SspDocument.fileName(project, format.extension()), format,
                OscalIo.write(ssp, SystemSecurityPlan.class, format));
        audit.recordIndependently(AuditAction.OSCAL_EXPORTED, "project", id.value(), "Exported the OSCAL system security "
                + "plan of " + project.name() + " (" + format + ", "
                + ssp.getControlImplementation().getImplementedRequirements().size() + " controls)");
        return file;
    }

    private SspInput sspInput(ProjectId id) {
        Project project = projects.project(id);
        ResponsibilityModel model = model(project.modelId());
        Map<ControlId, Control> controls = new LinkedHashMap<>();
        catalog.controlsFor(project.modelId()).forEach(c -> controls.put(c.id(), c));
        var rows = new ArrayList<SspInput.Row>();
        var failing = new java.util.HashSet<Long>();
        coverage.gaps(com.demarc.coverage.GapQuery.of(com.demarc.coverage.GapQuery.Kind.FAILING_CHECK).withProject(id), 0,
                Integer.MAX_VALUE).forEach(g -> failing.add(g.projectControlId()));
        for (var pc : projects.controls(new ControlQuery(id, null, null, null, null, null), 0, Integer.MAX_VALUE)) {
            rows.add(new SspInput.Row(pc, raci.raci(pc.id()), evidence.items(pc.id()), evidence.attestations(pc.id()),
                    failing.contains(pc.id().value())));
        }
        return new SspInput(project, model, controls, rows, organization.teamDirectory(), organization.people(),
                LocalDate.now(clock));
    }

    /**
     * Imports an OSCAL catalog or profile (JSON, XML or YAML, told by the file name) as a new model version, through
     * the catalog's own import: checked whole first, nothing stored on any problem. The report names what could
     * not be mapped.
     */
    @PreAuthorize(HAS_CATALOG_EDIT)
    @Transactional
    public OscalImportReport importDocument(String fileName, byte[] bytes) {
        if (bytes.length > maxImportSize) {
            throw new UserFacingException("The file is larger than " + (maxImportSize >> 20) + " MB "
                    + "(demarc.catalog.max-import-size): nothing was imported. Import a smaller OSCAL file.");
        }
        OscalFormat format = OscalFormat.ofFileName(fileName);
        // the schema first; constraints only for catalogs (a profile's would fetch the catalog its import names)
        var problems = OscalIo.validate(bytes, format, Map.of(), false);
        if (problems.isEmpty() && OscalImporter.isCatalog(bytes)) {
            problems = OscalIo.validate(bytes, format, Map.of(), true);
        }
        if (!problems.isEmpty()) {
            throw new UserFacingException("Nothing was imported: the file is not a valid OSCAL catalog or profile ("
                    + format + "). Fix these and import it again:", problems.stream().limit(20).toList());
        }
        var mapped = OscalImporter.map(bytes, catalog.models(), catalog::controlsFor);
        var model = catalog.importCsv(new StringReader(mapped.csv()), mapped.name(), mapped.version(), mapped.published());
        audit.record(AuditAction.OSCAL_IMPORTED, "catalog", model.version(), "Imported " + model.label() + " from OSCAL ("
                + mapped.controls() + " controls, " + mapped.notMapped().size() + " item(s) not mapped)", null, null);
        return new OscalImportReport(model, mapped.controls(), mapped.notMapped());
    }

    private ResponsibilityModel model(ModelId id) {
        return catalog.models().stream().filter(m -> m.id().equals(id)).findFirst()
                .orElseThrow(() -> new UserFacingException("That catalog version does not exist."));
    }
}
