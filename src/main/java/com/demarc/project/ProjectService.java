package com.demarc.project;

import com.demarc.audit.AuditAction;
import com.demarc.organization.TeamScope;
import com.demarc.catalog.AwsService;
import com.demarc.catalog.AwsServiceId;
import com.demarc.catalog.CatalogService;
import com.demarc.catalog.Control;
import com.demarc.catalog.EffectiveOwner;
import com.demarc.catalog.ModelId;
import com.demarc.catalog.Owner;
import com.demarc.organization.TeamId;
import com.demarc.project.internal.ProjectRepository;
import com.demarc.project.internal.ProjectRepository.ProjectRow;
import com.demarc.project.internal.ProjectRepository.RegisterRow;
import com.demarc.shared.Actors;
import com.demarc.shared.ConcurrentEditException;
import com.demarc.shared.UserFacingException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import static com.demarc.shared.Permissions.HAS_PROJECT_EDIT;
import static com.demarc.shared.Permissions.HAS_PROJECT_READ;

/** Projects and their control register: every operation checks the permission and the project's team (scope). */
@Service
public class ProjectService {
    private final org.springframework.context.ApplicationEventPublisher events;
    private final com.demarc.audit.AuditLog audit;
    static final String AUTO_NA = "No AWS service this project uses needs this control.";

    private final ProjectRepository repository;
    private final ProjectAccess access;
    private final CatalogService catalog;
    private final java.time.Clock clock;

    ProjectService(ProjectRepository repository, ProjectAccess access, CatalogService catalog, java.time.Clock clock,
                   com.demarc.audit.AuditLog audit, org.springframework.context.ApplicationEventPublisher events) {
        this.events = events;
        this.repository = repository;
        this.access = access;
        this.catalog = catalog;
        this.clock = clock;
        this.audit = audit;
    }

    // --- projects

    @PreAuthorize(HAS_PROJECT_READ)
    @Transactional(readOnly = true)
    public List<Project> findProjects(String text, boolean includeArchived, int offset, int limit) {
        var services = servicesById();
        var rows = repository.find(access.visibleTeams(), text, includeArchived, offset, limit);
        var used = repository.serviceIds(rows.stream().map(ProjectRow::id).toList());
        return rows.stream().map(r -> toProject(r, used.getOrDefault(r.id(), List.of()), services)).toList();
    }

    @PreAuthorize(HAS_PROJECT_READ)
    @Transactional(readOnly = true)
    public int countProjects(String text, boolean includeArchived) {
        return repository.count(access.visibleTeams(), text, includeArchived);
    }

    @PreAuthorize(HAS_PROJECT_READ)
    @Transactional(readOnly = true)
    public Project project(ProjectId id) {
        access.requireRead(id);
        return toProject(repository.project(id).orElseThrow(), repository.serviceIds(id), servicesById());
    }

    /** May the signed-in user change this project? (For showing or hiding edit controls; services check again.) */
    @PreAuthorize(HAS_PROJECT_READ)
    public boolean canEdit(ProjectId id) {
        return access.canEdit(id);
    }

    @PreAuthorize(HAS_PROJECT_EDIT)
    @Transactional
    public Project create(ProjectDraft draft) {
        var clean = validate(draft);
        access.requireEditTeam(clean.teamId());
        var model = catalog.latestModel().id();
        ProjectId id;
        try {
            id = repository.insert(clean.teamId(), clean.name(), clean.description(), clean.awsAccountIds(), model,
                    Actors.currentUsername());
        } catch (DuplicateKeyException e) {
            throw new UserFacingException("This team has a project named '" + clean.name() + "' already: choose another name.");
        }
        repository.replaceServices(id, clean.serviceIds());
        repository.event(id, null, Actors.currentUsername(), "project", null, "created");
        apply(plan(id, model, clean.serviceIds()));
        var created = project(id);
        audit.record(AuditAction.PROJECT_CREATED, "project", id.value(), "Created project " + created.name() + " ("
                + created.teamName() + ")", null, codes(clean.serviceIds(), servicesById()));
        return created;
    }

    /** Which controls would change owner if the project used these services instead ("adding EC2 makes guest OS patching yours"). */
    @PreAuthorize(HAS_PROJECT_READ)
    @Transactional(readOnly = true)
    public List<OwnerChange> previewServices(ProjectId id, Set<AwsServiceId> serviceIds) {
        access.requireRead(id);
        var row = repository.project(id).orElseThrow();
        return plan(id, row.modelId(), serviceIds).changes();
    }

    @PreAuthorize(HAS_PROJECT_EDIT)
    @Transactional
    public Project update(ProjectId id, long expectedVersion, ProjectDraft draft) {
        access.requireEdit(id);
        var clean = validate(draft);
        var before = repository.project(id).orElseThrow();
        if (!before.teamId().equals(clean.teamId())) {
            access.requireEditTeam(clean.teamId());
        }
        try {
            if (!repository.update(id, expectedVersion, clean.teamId(), clean.name(), clean.description(),
                    clean.awsAccountIds(), Actors.currentUsername())) {
                throw new ConcurrentEditException("Project " + before.name(), before.updatedBy(), before.updatedAt());
            }
        } catch (DuplicateKeyException e) {
            throw new UserFacingException("This team has a project named '" + clean.name() + "' already: choose another name.");
        }
        var oldServices = Set.copyOf(repository.serviceIds(id));
        if (!oldServices.equals(clean.serviceIds())) {
            var names = servicesById();
            repository.replaceServices(id, clean.serviceIds());
            repository.event(id, null, Actors.currentUsername(), "services", codes(oldServices, names),
                    codes(clean.serviceIds(), names));
            apply(plan(id, before.modelId(), clean.serviceIds()));
        }
        var after = project(id);
        audit.record(AuditAction.PROJECT_UPDATED, "project", id.value(), "Changed project " + after.name(),
                before.name() + "; services " + codes(oldServices, servicesById()),
                after.name() + "; services " + codes(clean.serviceIds(), servicesById()));
        return after;
    }

    @PreAuthorize(HAS_PROJECT_EDIT)
    @Transactional
    public Project setArchived(ProjectId id, long expectedVersion, boolean archived) {
        access.requireEdit(id);
        var before = repository.project(id).orElseThrow();
        if (!repository.setArchived(id, expectedVersion, archived, Actors.currentUsername())) {
            throw new ConcurrentEditException("Project " + before.name(), before.updatedBy(), before.updatedAt());
        }
        repository.event(id, null, Actors.currentUsername(), "archived", String.valueOf(before.archived()), String.valueOf(archived));
        coverageChanged(id);
        audit.record(archived ? AuditAction.PROJECT_ARCHIVED : AuditAction.PROJECT_RESTORED, "project", id.value(),
                (archived ? "Archived " : "Restored ") + before.name(), null, null);
        return project(id);
    }

    @PreAuthorize(HAS_PROJECT_READ)
    @Transactional(readOnly = true)
    public List<OwnerChange> previewUpgrade(ProjectId id, ModelId target) {
        access.requireRead(id);
        return plan(id, target, Set.copyOf(repository.serviceIds(id))).changes();
    }

    /** Moves the project to another catalog version: added controls appear, removed ones go, owners follow. */
    @PreAuthorize(HAS_PROJECT_EDIT)
    @Transactional
    public Project upgrade(ProjectId id, long expectedVersion, ModelId target) {
        access.requireEdit(id);
        var before = repository.project(id).orElseThrow();
        if (!repository.setModel(id, expectedVersion, target, Actors.currentUsername())) {
            throw new ConcurrentEditException("Project " + before.name(), before.updatedBy(), before.updatedAt());
        }
        var to = catalog.models().stream().filter(m -> m.id().equals(target)).findFirst()
                .orElseThrow(() -> new UserFacingException("That catalog version does not exist."));
        repository.event(id, null, Actors.currentUsername(), "catalog version", before.modelLabel(), to.label());
        audit.record(AuditAction.PROJECT_UPGRADED, "project", id.value(), "Moved " + before.name() + " to " + to.label(),
                before.modelLabel(), to.label());
        apply(plan(id, target, Set.copyOf(repository.serviceIds(id))));
        return project(id);
    }

    // --- register

    @PreAuthorize(HAS_PROJECT_READ)
    @Transactional(readOnly = true)
    public List<ProjectControl> controls(ControlQuery query, int offset, int limit) {
        if (query.project() != null) {
            access.requireRead(query.project());
        }
        return repository.controls(query, access.visibleTeams(), offset, limit);
    }

    @PreAuthorize(HAS_PROJECT_READ)
    @Transactional(readOnly = true)
    public int countControls(ControlQuery query) {
        if (query.project() != null) {
            access.requireRead(query.project());
        }
        return repository.countControls(query, access.visibleTeams());
    }

    @PreAuthorize(HAS_PROJECT_READ)
    @Transactional(readOnly = true)
    public ProjectControl control(ProjectControlId id) {
        var project = repository.projectOf(id).orElseThrow(() -> new UserFacingException("This control is no longer in the project."));
        access.requireRead(project);
        return repository.control(id).orElseThrow();
    }

    /** Open controls due on or before {@code until} (overdue included) that the user may read, for due-date reminders. */
    @PreAuthorize(HAS_PROJECT_READ)
    @Transactional(readOnly = true)
    public List<ProjectControl> openDueBy(LocalDate until, int limit) {
        var visible = access.visibleTeams();
        return repository.openDueBy(until, limit).stream().filter(c -> visible.includes(c.data().teamId())).toList();
    }

    /** Loads the given rows in one query, in the given order, keeping only those the user may read. */
    @PreAuthorize(HAS_PROJECT_READ)
    @Transactional(readOnly = true)
    public List<ProjectControl> controlsByIds(List<ProjectControlId> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        var visible = access.visibleTeams();
        var byId = new HashMap<ProjectControlId, ProjectControl>();
        repository.controlsByIds(ids).stream().filter(c -> visible.includes(c.data().teamId()))
                .forEach(c -> byId.put(c.id(), c));
        return ids.stream().map(byId::get).filter(Objects::nonNull).toList();
    }

    /** The row of a control (by code) in each of the given projects, for bulk RACI work; scope-checked for editing. */
    @PreAuthorize(HAS_PROJECT_EDIT)
    @Transactional(readOnly = true)
    public List<ProjectControl> controlsForEdit(java.util.Collection<ProjectId> projects, java.util.Collection<String> codes) {
        access.requireEditAll(projects);
        return repository.controlsByProjectsAndCodes(projects, codes);
    }

    @PreAuthorize(HAS_PROJECT_READ)
    @Transactional(readOnly = true)
    public List<ProjectEvent> history(ProjectControlId id) {
        control(id);
        return repository.history(id);
    }

    /** Sets status, justification, due date and notes of one project control. */
    @PreAuthorize(HAS_PROJECT_EDIT)
    @Transactional
    public ProjectControl setStatus(ProjectControlId id, long expectedVersion, Status status, String justification,
                                    LocalDate dueDate, String notes) {
        var before = control(id);
        access.requireEdit(before.data().projectId());
        if (status == null) {
            throw new UserFacingException("Choose a status.");
        }
        if (status == Status.NOT_APPLICABLE && (justification == null || justification.isBlank())) {
            throw new UserFacingException("Say why the control does not apply: a justification is required for Not applicable.");
        }
        if (status == Status.INHERITED && before.data().owner() != Owner.AWS) {
            throw new UserFacingException("Only controls AWS owns for this project can be inherited; this one is "
                    + before.data().owner().label() + ".");
        }
        if (notes != null && notes.length() > 4000) {
            throw new UserFacingException("Notes: keep them under 4,000 characters.");
        }
        String just = status == Status.NOT_APPLICABLE ? justification.strip() : null;
        String actor = Actors.currentUsername();
        if (!repository.updateStatus(id, expectedVersion, status, just, dueDate, notes == null ? "" : notes.strip(), actor)) {
            var last = repository.lastChange(id);
            throw new ConcurrentEditException("Control " + before.data().code() + " of " + before.data().projectName()
                    + last.map(e -> " (" + e.field() + ": " + e.from() + " → " + e.to() + ")").orElse(""),
                    repository.control(id).map(c -> c.data().updatedBy()).orElse(null),
                    repository.control(id).map(c -> c.data().updatedAt()).orElse(null));
        }
        if (before.data().status() != status) {
            repository.event(before.data().projectId(), id, actor, "status", before.data().status().label(), status.label());
        }
        coverageChanged(before.data().projectId());
        audit.record(AuditAction.STATUS_CHANGED, "project-control", id.value(), before.data().projectName() + " · " + before.data().code(),
                before.data().status().label() + (before.data().dueDate() == null ? "" : ", due " + before.data().dueDate()),
                status.label() + (dueDate == null ? "" : ", due " + dueDate));
        if (!Objects.equals(before.data().dueDate(), dueDate)) {
            repository.event(before.data().projectId(), id, actor, "due date", str(before.data().dueDate()), str(dueDate));
        }
        if (before.data().status() != status || !Objects.equals(before.data().dueDate(), dueDate)) {
            events.publishEvent(new ControlStatusChanged(id, before.data().projectId(),
                    before.data().projectName() + " · " + before.data().code(), before.data().status(), status,
                    before.data().dueDate(), dueDate));
        }
        if (!Objects.equals(before.data().justification(), just) && just != null) {
            repository.event(before.data().projectId(), id, actor, "justification", before.data().justification(), just);
        }
        if (!Objects.equals(before.data().notes(), notes == null ? "" : notes.strip())) {
            repository.event(before.data().projectId(), id, actor, "notes", null, "changed");
        }
        return repository.control(id).orElseThrow();
    }

    /**
     * For the RACI module: records a RACI change on a project control in the caller's transaction, refusing it if
     * the row changed since the caller read it.
     */
    @PreAuthorize(HAS_PROJECT_READ)
    @Transactional
    public void recordRaciChange(ProjectControlId id, long expectedVersion, String from, String to) {
        var before = control(id);
        access.requireEdit(before.data().projectId());
        if (!repository.touch(id, expectedVersion, Actors.currentUsername())) {
            var now = repository.control(id).orElseThrow();
            var last = repository.lastChange(id);
            throw new ConcurrentEditException("Control " + before.data().code() + " of " + before.data().projectName()
                    + last.map(e -> " (" + e.field() + ": " + e.from() + " → " + e.to() + ")").orElse(""),
                    now.data().updatedBy(), now.data().updatedAt());
        }
        repository.event(before.data().projectId(), id, Actors.currentUsername(), "RACI", from, to);
        coverageChanged(before.data().projectId());
        audit.record(AuditAction.RACI_CHANGED, "project-control", id.value(), before.data().projectName() + " · " + before.data().code(), from, to);
    }

    /**
     * For the RACI module's bulk actions: records many RACI changes at once in the caller's transaction. Every
     * project must be editable by the user and every row unchanged since it was read, or nothing is recorded.
     */
    @PreAuthorize(HAS_PROJECT_READ)
    @Transactional
    public void recordRaciChanges(java.util.Collection<RaciChange> changes) {
        access.requireEditAll(changes.stream().map(RaciChange::project).collect(Collectors.toSet()));
        String actor = Actors.currentUsername();
        int stale = repository.touchAll(changes, actor);
        if (stale > 0) {
            throw new UserFacingException("Nothing was changed: " + stale + " of the controls were changed by someone "
                    + "else while you were working. Reload, check the preview and apply again.");
        }
        repository.events(changes, actor);
        events.publishEvent(new ProjectRegisterChanged(changes.stream().map(RaciChange::project)
                .collect(Collectors.toSet())));
        audit.record(AuditAction.RACI_BULK_CHANGED, "project-control", null, changes.size() + " RACI change(s) in "
                + changes.stream().map(RaciChange::project).distinct().count() + " project(s)", null,
                changes.stream().limit(20).map(c -> c.id().value() + ": " + c.to()).collect(Collectors.joining("; ")));
    }

    public LocalDate today() {
        return LocalDate.now(clock);
    }

    // --- internals

    private void coverageChanged(ProjectId id) {
        events.publishEvent(ProjectRegisterChanged.of(id));
    }

    /**
     * What moving the project's register to this catalog version and these services changes: one step per control
     * that is added, changes owner (or reason, or catalog row) or goes; previews show its owner changes, edits apply it.
     */
    private SyncPlan plan(ProjectId id, ModelId model, Set<AwsServiceId> serviceIds) {
        var byId = servicesById();
        List<AwsService> services = serviceIds.stream().map(byId::get).filter(Objects::nonNull).toList();
        Map<String, RegisterRow> existing = new HashMap<>();
        repository.register(id).forEach(r -> existing.put(r.code(), r));
        var steps = new ArrayList<SyncStep>();
        var changes = new ArrayList<OwnerChange>();
        for (Control control : catalog.controlsFor(model)) {
            var eff = EffectiveOwner.of(control, services);
            var row = existing.remove(control.data().code());
            if (row == null) {
                changes.add(new OwnerChange(control.data().code(), control.data().title(), null, eff.owner(), eff.reason()));
                steps.add(new SyncStep.Add(control, eff));
            } else if (row.owner() != eff.owner() || !row.controlId().equals(control.id()) || !row.reason().equals(eff.reason())) {
                if (row.owner() != eff.owner()) {
                    changes.add(new OwnerChange(control.data().code(), control.data().title(), row.owner(), eff.owner(), eff.reason()));
                }
                steps.add(new SyncStep.Move(row, control, eff));
            }
        }
        for (RegisterRow gone : existing.values()) {
            changes.add(new OwnerChange(gone.code(), "", gone.owner(), null, "not in the catalog version"));
            steps.add(new SyncStep.Remove(gone));
        }
        changes.sort(java.util.Comparator.comparing(OwnerChange::code));
        return new SyncPlan(id, steps, changes);
    }

    private record SyncPlan(ProjectId project, List<SyncStep> steps, List<OwnerChange> changes) {
    }

    private sealed interface SyncStep {
        record Add(Control control, EffectiveOwner eff) implements SyncStep {
        }

        record Move(RegisterRow row, Control control, EffectiveOwner eff) implements SyncStep {
        }

        record Remove(RegisterRow row) implements SyncStep {
        }
    }

    /** Writes a plan: rows added, moved (the status follows an owner change) or removed, each with its history event. */
    private void apply(SyncPlan plan) {
        var id = plan.project();
        String actor = Actors.currentUsername();
        for (var step : plan.steps()) {
            switch (step) {
                case SyncStep.Add add -> {
                    Status status = defaultStatus(add.eff().owner());
                    var pc = repository.insertControl(id, add.control().id(), add.eff().owner(), add.eff().reason(),
                            status, status == Status.NOT_APPLICABLE ? AUTO_NA : null, actor);
                    repository.event(id, pc, actor, "owner", null, add.eff().owner().label());
                }
                case SyncStep.Move move -> move(id, move.row(), move.control(), move.eff(), actor);
                case SyncStep.Remove remove -> {
                    repository.event(id, null, actor, "control removed", remove.row().code(), null);
                    repository.deleteControl(remove.row().id());
                }
            }
        }
        coverageChanged(id);
    }

    private void move(ProjectId id, RegisterRow row, Control control, EffectiveOwner eff, String actor) {
        Status status = row.status();
        String just = row.justification();
        if (row.owner() != eff.owner()) {
            if (eff.owner() == Owner.NOT_APPLICABLE) {
                status = Status.NOT_APPLICABLE;
                just = AUTO_NA;
            } else if (eff.owner() == Owner.AWS && (status == Status.NOT_STARTED || AUTO_NA.equals(just))) {
                status = Status.INHERITED;
                just = null;
            } else if (status == Status.INHERITED || AUTO_NA.equals(just)) {
                status = Status.NOT_STARTED;
                just = null;
            }
        }
        repository.updateOwner(row.id(), control.id(), eff.owner(), eff.reason(), status, just, actor);
        if (row.owner() != eff.owner()) {
            repository.event(id, row.id(), actor, "owner", row.owner().label(), eff.owner().label());
        }
        if (status != row.status()) {
            repository.event(id, row.id(), actor, "status", row.status().label(), status.label());
        }
    }

    private static Status defaultStatus(Owner owner) {
        return switch (owner) {
            case AWS -> Status.INHERITED;
            case NOT_APPLICABLE -> Status.NOT_APPLICABLE;
            default -> Status.NOT_STARTED;
        };
    }

    private ProjectDraft validate(ProjectDraft d) {
        var problems = new ArrayList<String>();
        if (d.teamId() == null) {
            problems.add("Team: choose the team that owns the project.");
        }
        if (d.name() == null || d.name().isBlank() || d.name().strip().length() > 120) {
            problems.add("Name: enter a project name (up to 120 characters).");
        }
        if (d.description() != null && d.description().length() > 2000) {
            problems.add("Description: keep it under 2,000 characters.");
        }
        var accounts = new LinkedHashSet<String>();
        for (String a : d.awsAccountIds() == null ? List.<String>of() : d.awsAccountIds()) {
            if (a.strip().replace("-", "").isEmpty()) {
                continue;
            }
            try {
                accounts.add(AwsAccountId.parse(a).value());
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        var known = servicesById().keySet();
        var services = d.serviceIds() == null ? Set.<AwsServiceId>of() : d.serviceIds();
        if (!known.containsAll(services)) {
            problems.add("Services: one of the chosen AWS services no longer exists; reload and choose again.");
        }
        if (!problems.isEmpty()) {
            throw new UserFacingException("The project was not saved: fix the fields below.", problems);
        }
        return new ProjectDraft(d.teamId(), d.name().strip(), d.description() == null ? "" : d.description().strip(),
                List.copyOf(accounts), Set.copyOf(services));
    }

    private Map<AwsServiceId, AwsService> servicesById() {
        return catalog.services().stream().collect(Collectors.toMap(AwsService::id, s -> s));
    }

    private Project toProject(ProjectRow r, List<AwsServiceId> serviceIds, Map<AwsServiceId, AwsService> services) {
        var used = serviceIds.stream().map(services::get).filter(Objects::nonNull)
                .sorted(java.util.Comparator.comparing(AwsService::name)).toList();
        return new Project(r.id(), r.teamId(), r.teamName(), r.name(), r.description(),
                r.accountIds().stream().map(AwsAccountId::new).toList(), used,
                r.modelId(), r.modelLabel(), r.archived(), r.version(), r.updatedAt(), r.updatedBy());
    }

    private static String codes(Set<AwsServiceId> ids, Map<AwsServiceId, AwsService> names) {
        return ids.stream().map(names::get).filter(Objects::nonNull).map(AwsService::code).sorted()
                .collect(Collectors.joining(", "));
    }

    private static String str(Object o) {
        return o == null ? null : o.toString();
    }

    /** "name (team)" of the archived projects among these (bulk operations refuse them), checked in one query. */
    @PreAuthorize(HAS_PROJECT_READ)
    @Transactional(readOnly = true)
    public List<String> archivedAmong(java.util.Collection<ProjectId> ids) {
        if (ids == null || ids.isEmpty()) {
            return List.of();
        }
        access.requireReadAll(ids);
        return repository.archivedAmong(ids);
    }

    /** The teams whose projects the user may read; views offer these as filters. */
    @PreAuthorize(HAS_PROJECT_READ)
    public TeamScope visibleTeams() {
        return access.visibleTeams();
    }

    /** Used by views to list teams a project can be created for. */
    @PreAuthorize(HAS_PROJECT_READ)
    public java.util.Optional<List<TeamId>> editableTeams() {
        return access.editableTeams();
    }
}
