package com.demarc.catalog;

import com.demarc.audit.AuditAction;
import com.demarc.catalog.internal.CatalogDocument;
import com.demarc.catalog.internal.CatalogRepository;
import com.demarc.catalog.internal.CatalogStore;
import com.demarc.shared.Actors;
import com.demarc.shared.ConcurrentEditException;
import com.demarc.shared.UserFacingException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.io.Reader;
import java.io.Writer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import static com.demarc.shared.Permissions.HAS_CATALOG_EDIT;
import static com.demarc.shared.Permissions.HAS_CATALOG_READ;
import static com.demarc.shared.Permissions.HAS_SERVICE_EDIT;

/** Reading the responsibility model, and what compliance managers change in it. */
@Service
public class CatalogService {
    private final com.demarc.audit.AuditLog audit;
    private static final Pattern SERVICE_CODE = Pattern.compile("^[A-Z][A-Z0-9_]{1,39}$");
    private static final Pattern ORG_CODE = Pattern.compile("^ORG-[A-Z0-9]{1,12}(-[A-Z0-9]{1,12}){0,2}$");

    private final CatalogRepository repository;
    private final CatalogStore store;
    private final ApplicationEventPublisher events;

    CatalogService(CatalogRepository repository, CatalogStore store, com.demarc.audit.AuditLog audit,
                   ApplicationEventPublisher events) {
        this.repository = repository;
        this.store = store;
        this.audit = audit;
        this.events = events;
    }

    @PreAuthorize(HAS_CATALOG_READ)
    @Transactional(readOnly = true)
    public List<ResponsibilityModel> models() {
        return repository.models();
    }

    /** The newest version, the one new projects follow. */
    @PreAuthorize(HAS_CATALOG_READ)
    @Transactional(readOnly = true)
    public ResponsibilityModel latestModel() {
        return repository.models().stream().findFirst()
                .orElseThrow(() -> new UserFacingException("No catalog is loaded yet: restart the application."));
    }

    @PreAuthorize(HAS_CATALOG_READ)
    @Transactional(readOnly = true)
    public List<Domain> domains(ModelId model) {
        return repository.domains(model);
    }

    @PreAuthorize(HAS_CATALOG_READ)
    @Transactional(readOnly = true)
    public List<Control> findControls(ControlFilter filter, int offset, int limit) {
        return repository.findControls(filter, offset, limit);
    }

    @PreAuthorize(HAS_CATALOG_READ)
    @Transactional(readOnly = true)
    public int countControls(ControlFilter filter) {
        return repository.countControls(filter);
    }

    @PreAuthorize(HAS_CATALOG_READ)
    @Transactional(readOnly = true)
    public Optional<Control> control(ControlId id) {
        return repository.control(id);
    }

    /** Every control a project following this version has: the version's controls and the organisation's. */
    @PreAuthorize(HAS_CATALOG_READ)
    @Transactional(readOnly = true)
    public List<Control> controlsFor(ModelId model) {
        var filter = ControlFilter.all(model);
        return repository.findControls(filter, 0, Integer.MAX_VALUE);
    }

    @PreAuthorize(HAS_CATALOG_READ)
    @Transactional(readOnly = true)
    public List<SummaryRow> summary(ModelId model) {
        return repository.summary(model);
    }

    @PreAuthorize(HAS_CATALOG_READ)
    @Transactional(readOnly = true)
    public List<SeedItem> seedItems(ModelId model) {
        return repository.seedItems(model);
    }

    @PreAuthorize(HAS_CATALOG_READ)
    @Transactional(readOnly = true)
    public List<AwsService> services() {
        return repository.services();
    }

    @PreAuthorize(HAS_SERVICE_EDIT)
    @Transactional
    public AwsService addService(String code, String name, ServiceCategory category) {
        var problems = new ArrayList<String>();
        String c = code == null ? "" : code.strip().toUpperCase(java.util.Locale.ROOT);
        if (!SERVICE_CODE.matcher(c).matches()) {
            problems.add("Code: 2 to 40 capitals, digits or underscores, e.g. APP_RUNNER.");
        }
        problems.addAll(serviceProblems(name, category));
        if (!problems.isEmpty()) {
            throw new UserFacingException("The service was not saved: fix the fields below.", problems);
        }
        try {
            var added = repository.service(repository.insertService(c, name.strip(), category, Actors.currentUsername()))
                    .orElseThrow();
            audit.record(AuditAction.SERVICE_ADDED, "aws-service", added.code(), "Added AWS service " + added.name(), null,
                    added.category().name());
            return added;
        } catch (DuplicateKeyException e) {
            throw new UserFacingException("A service with the code " + c + " exists already.");
        }
    }

    @PreAuthorize(HAS_SERVICE_EDIT)
    @Transactional
    public AwsService updateService(AwsServiceId id, long expectedVersion, String name, ServiceCategory category) {
        var problems = serviceProblems(name, category);
        if (!problems.isEmpty()) {
            throw new UserFacingException("The service was not saved: fix the fields below.", problems);
        }
        var old = repository.service(id);
        if (!repository.updateService(id, expectedVersion, name.strip(), category, Actors.currentUsername())) {
            var who = repository.serviceChangedBy(id)
                    .orElseThrow(() -> new UserFacingException("This service no longer exists."));
            throw new ConcurrentEditException("The service", who[0], null);
        }
        var changed = repository.service(id).orElseThrow();
        audit.record(AuditAction.SERVICE_UPDATED, "aws-service", changed.code(), "Changed AWS service " + changed.name(),
                old.map(o -> o.name() + " / " + o.category()).orElse(null), changed.name() + " / " + changed.category());
        return changed;
    }

    private static List<String> serviceProblems(String name, ServiceCategory category) {
        var problems = new ArrayList<String>();
        if (name == null || name.isBlank() || name.strip().length() > 200) {
            problems.add("Name: enter the service's name, e.g. AWS App Runner.");
        }
        if (category == null) {
            problems.add("Category: choose infrastructure, container or abstracted.");
        }
        return problems;
    }

    @PreAuthorize(HAS_CATALOG_EDIT)
    @Transactional
    public Control createOrganisationControl(ControlDraft draft) {
        var problems = controlProblems(draft, true);
        if (!problems.isEmpty()) {
            throw new UserFacingException("The control was not saved: fix the fields below.", problems);
        }
        try {
            var id = repository.insertOrganisationControl(normalise(draft), Actors.currentUsername());
            var created = repository.control(id).orElseThrow();
            audit.record(AuditAction.CONTROL_CREATED, "control", created.data().code(), "Added organisation control " + created.data().code()
                    + " " + created.data().title(), null, created.data().defaultOwner().name());
            return created;
        } catch (DuplicateKeyException e) {
            throw new UserFacingException("The code " + draft.code().strip() + " is taken: choose another.");
        }
    }

    @PreAuthorize(HAS_CATALOG_EDIT)
    @Transactional
    public Control updateOrganisationControl(ControlId id, long expectedVersion, ControlDraft draft) {
        var before = repository.control(id).orElseThrow(() -> new UserFacingException("This control no longer exists."));
        if (!before.data().organisation()) {
            throw new UserFacingException("Controls of the AWS model are changed by importing a new catalog version, "
                    + "not edited in place.");
        }
        var problems = controlProblems(draft, false);
        if (!problems.isEmpty()) {
            throw new UserFacingException("The control was not saved: fix the fields below.", problems);
        }
        if (!repository.updateOrganisationControl(id, expectedVersion, normalise(draft), Actors.currentUsername())) {
            throw new ConcurrentEditException("Control " + before.data().code(), before.data().updatedBy(), before.data().updatedAt());
        }
        var after = repository.control(id).orElseThrow();
        audit.record(AuditAction.CONTROL_UPDATED, "control", after.data().code(), "Changed organisation control " + after.data().code(),
                before.data().title() + " / " + before.data().defaultOwner(), after.data().title() + " / " + after.data().defaultOwner());
        return after;
    }

    private ControlDraft normalise(ControlDraft d) {
        return new ControlDraft(d.code().strip().toUpperCase(java.util.Locale.ROOT), d.domainCode(), d.title(),
                d.description(), d.defaultOwner(), d.customerPart(), d.awsPart(), d.infrastructure(), d.container(),
                d.abstracted(), clean(d.ccmIds()), clean(d.nistIds()), d.sourceUrl());
    }

    private static List<String> clean(List<String> ids) {
        return ids == null ? List.of() : ids.stream().map(String::strip).filter(s -> !s.isEmpty()).distinct().toList();
    }

    private List<String> controlProblems(ControlDraft d, boolean creating) {
        var problems = new ArrayList<String>();
        if (creating && (d.code() == null || !ORG_CODE.matcher(d.code().strip().toUpperCase(java.util.Locale.ROOT)).matches())) {
            problems.add("Code: start with ORG-, then capitals and digits, e.g. ORG-PCI-01.");
        }
        if (d.domainCode() == null || d.domainCode().isBlank()) {
            problems.add("Domain: choose the domain the control belongs to.");
        }
        if (d.title() == null || d.title().isBlank() || d.title().length() > 300) {
            problems.add("Title: enter a title (up to 300 characters).");
        }
        if (d.description() == null || d.description().isBlank()) {
            problems.add("Description: say what the duty is.");
        }
        if (d.defaultOwner() == null || d.defaultOwner() == Owner.NOT_APPLICABLE) {
            problems.add("Owner: choose Customer, Shared or AWS.");
        }
        if (d.defaultOwner() == Owner.SHARED && (blank(d.customerPart()) || blank(d.awsPart()))) {
            problems.add("A shared control needs both halves: the customer's part and AWS's part.");
        }
        if (d.infrastructure() == null || d.container() == null || d.abstracted() == null) {
            problems.add("Owner per service category: choose one for infrastructure, container and abstracted.");
        }
        if (!blank(d.sourceUrl()) && !d.sourceUrl().strip().matches("^https?://\\S+$")) {
            problems.add("Source: enter an http(s) link or leave it empty.");
        }
        return problems;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    /** Added, removed and owner-changed controls between two versions. */
    @PreAuthorize(HAS_CATALOG_READ)
    @Transactional(readOnly = true)
    public CatalogDiff diff(ModelId from, ModelId to) {
        var a = repository.model(from).orElseThrow(() -> new UserFacingException("That catalog version does not exist."));
        var b = repository.model(to).orElseThrow(() -> new UserFacingException("That catalog version does not exist."));
        Map<String, Control> before = new HashMap<>();
        repository.controlsOf(from).forEach(c -> before.put(c.data().code(), c));
        var added = new ArrayList<Control>();
        var changed = new ArrayList<CatalogDiff.OwnerChange>();
        for (Control c : repository.controlsOf(to)) {
            Control old = before.remove(c.data().code());
            if (old == null) {
                added.add(c);
            } else if (!ownerSummary(old).equals(ownerSummary(c))) {
                changed.add(new CatalogDiff.OwnerChange(c.data().code(), c.data().title(), ownerSummary(old), ownerSummary(c)));
            }
        }
        var removed = before.values().stream().sorted(java.util.Comparator.comparing(control -> control.data().code())).toList();
        return new CatalogDiff(a, b, List.copyOf(added), removed, List.copyOf(changed));
    }

    private static String ownerSummary(Control c) {
        return c.data().defaultOwner().label() + " (infrastructure " + c.data().infrastructure().label() + ", container "
                + c.data().container().label() + ", abstracted " + c.data().abstracted().label() + ")";
    }

    @PreAuthorize(HAS_CATALOG_READ)
    @Transactional(readOnly = true)
    public void exportYaml(ModelId model, Writer out) {
        CatalogStore.writeYaml(store.load(model), out);
        audit.recordIndependently(AuditAction.CATALOG_EXPORTED, "catalog", model.value(), "Exported a catalog version as YAML");
    }

    @PreAuthorize(HAS_CATALOG_READ)
    @Transactional(readOnly = true)
    public void exportCsv(ModelId model, Writer out) {
        CatalogStore.writeCsv(store.load(model), out);
        audit.recordIndependently(AuditAction.CATALOG_EXPORTED, "catalog", model.value(), "Exported a catalog version as CSV");
    }

    /** Imports a whole model version from YAML; validates everything first and stores nothing on any problem. */
    @PreAuthorize(HAS_CATALOG_EDIT)
    @Transactional
    public ResponsibilityModel importYaml(Reader in) {
        var doc = CatalogStore.readYaml(in);
        var model = repository.model(store.store(doc, Actors.currentUsername())).orElseThrow();
        audit.record(AuditAction.CATALOG_IMPORTED, "catalog", model.version(), "Imported " + model.label() + " from YAML ("
                + doc.controls().size() + " controls)", null, null);
        events.publishEvent(new CatalogVersionImported(model.id(), model.label(), doc.controls().size()));
        return model;
    }

    /**
     * Imports the controls of a new version from CSV; the model summary and seed items are carried over from the
     * newest version. Validates everything first and stores nothing on any problem.
     */
    @PreAuthorize(HAS_CATALOG_EDIT)
    @Transactional
    public ResponsibilityModel importCsv(Reader in, String name, String version, LocalDate published) {
        var problems = new ArrayList<String>();
        if (blank(name)) {
            problems.add("Name: enter the model's name, e.g. AWS Shared Responsibility Model.");
        }
        if (blank(version) || version.strip().length() > 40) {
            problems.add("Version: enter a new version, e.g. 2027.1.");
        }
        if (published == null) {
            problems.add("Published: enter the date of this version.");
        }
        if (!problems.isEmpty()) {
            throw new UserFacingException("Nothing was imported: fix the fields below.", problems);
        }
        var header = new CatalogDocument.Header("AWS", name.strip(), version.strip(), published,
                latestModel().sourceUrl());
        var doc = store.withSummaryOf(CatalogStore.readCsv(in, header), latestModel().id());
        var model = repository.model(store.store(doc, Actors.currentUsername())).orElseThrow();
        audit.record(AuditAction.CATALOG_IMPORTED, "catalog", model.version(), "Imported " + model.label() + " from CSV ("
                + doc.controls().size() + " controls)", null, null);
        events.publishEvent(new CatalogVersionImported(model.id(), model.label(), doc.controls().size()));
        return model;
    }
}
