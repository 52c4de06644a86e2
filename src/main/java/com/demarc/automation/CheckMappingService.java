package com.demarc.automation;

import com.demarc.audit.AuditAction;
import com.demarc.audit.AuditLog;
import com.demarc.automation.internal.AutomationRepository;
import com.demarc.automation.internal.MappingCsv;
import com.demarc.catalog.CatalogService;
import com.demarc.catalog.Control;
import com.demarc.catalog.ModelId;
import com.demarc.project.ProjectId;
import com.demarc.shared.Actors;
import com.demarc.shared.ConcurrentEditException;
import com.demarc.shared.UserFacingException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.io.ClassPathResource;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.stream.Collectors;

import static com.demarc.shared.Permissions.HAS_CATALOG_EDIT;
import static com.demarc.shared.Permissions.HAS_CATALOG_READ;

/**
 * Which catalog controls each Security Hub control (and the AWS Config managed rule behind it) evidences, per catalog
 * version: shipped as {@code catalog/aws-check-mapping.csv}, loaded once per version, viewed and exported by everyone
 * who reads the catalog, changed (audited) by compliance managers.
 */
@Service
public class CheckMappingService {
    private final AutomationRepository repository;
    private final CatalogService catalog;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;

    CheckMappingService(AutomationRepository repository, CatalogService catalog, AuditLog audit, ApplicationEventPublisher events) {
        this.repository = repository;
        this.catalog = catalog;
        this.audit = audit;
        this.events = events;
    }

    /**
     * Loads the shipped mapping for this catalog version unless the version has one already (idempotent: a version's
     * mapping, once loaded or edited, is never overwritten). Run at start-up and before an import; no user needed.
     */
    @Transactional
    public boolean ensureShippedMapping(ModelId model) {
        if (repository.hasMapping(model)) {
            return false;
        }
        try (var in = new InputStreamReader(new ClassPathResource(MappingCsv.SHIPPED).getInputStream(), StandardCharsets.UTF_8)) {
            repository.insertMapping(model, MappingCsv.read(model, in), "system");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return true;
    }

    @PreAuthorize(HAS_CATALOG_READ)
    @Transactional(readOnly = true)
    public List<CheckMapping> mapping(ModelId model) {
        return repository.mapping(model, null);
    }

    /** The checks mapped to one control code in one version. */
    @PreAuthorize(HAS_CATALOG_READ)
    @Transactional(readOnly = true)
    public List<CheckMapping> checksFor(ModelId model, String controlCode) {
        var ids = repository.checksFor(model, controlCode).stream().map(r -> r[0]).collect(Collectors.toSet());
        return repository.mapping(model, null).stream().filter(m -> ids.contains(m.checkId())).toList();
    }

    /**
     * Sets the catalog controls one check evidences (an empty list: the check evidences nothing). Refused when
     * someone else changed the check since {@code expectedVersion} was read, or a code is not in this version.
     */
    @PreAuthorize(HAS_CATALOG_EDIT)
    @Transactional
    public CheckMapping setControls(ModelId model, String checkId, long expectedVersion, List<String> controlCodes) {
        var current = repository.mapping(model, checkId).stream().findFirst()
                .orElseThrow(() -> new UserFacingException("The check " + checkId + " is not in this catalog version's mapping."));
        if (current.version() != expectedVersion) {
            throw new ConcurrentEditException("The mapping of " + checkId, null, null);
        }
        var known = catalog.controlsFor(model).stream().map(Control::data).map(d -> d.code()).collect(Collectors.toSet());
        var codes = new LinkedHashSet<String>();
        for (String code : controlCodes) {
            String c = code.strip().toUpperCase(java.util.Locale.ROOT);
            if (!c.isEmpty() && !known.contains(c)) {
                throw new UserFacingException("There is no control " + c + " in this catalog version: pick codes from the catalog (e.g. SRM-IAM-02).");
            }
            if (!c.isEmpty()) {
                codes.add(c);
            }
        }
        if (codes.isEmpty()) {
            throw new UserFacingException("Map " + checkId + " to at least one control (a check that evidences nothing can be suppressed per project instead).");
        }
        repository.replaceCodes(current, List.copyOf(codes), Actors.currentUsername());
        audit.record(AuditAction.CHECK_MAPPING_CHANGED, "check_mapping", checkId, "Check " + checkId + " now evidences "
                + String.join(", ", codes), String.join("|", current.controlCodes()), String.join("|", codes));
        events.publishEvent(new CheckResultsChanged(repository.projectsWithResults().stream().map(ProjectId::new)
                .collect(Collectors.toSet())));
        return repository.mapping(model, checkId).getFirst();
    }

    /** Writes one version's mapping as CSV (the shipped file's columns); audited. */
    @PreAuthorize(HAS_CATALOG_READ)
    @Transactional(readOnly = true)
    public void exportCsv(ModelId model, Writer out) {
        var rows = repository.mapping(model, null);
        MappingCsv.write(rows, out);
        audit.recordIndependently(AuditAction.CHECK_MAPPING_EXPORTED, "check_mapping", model.value(),
                "Exported the check mapping as CSV (" + rows.size() + " checks)");
    }
}
