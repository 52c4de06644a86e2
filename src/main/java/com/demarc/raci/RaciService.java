package com.demarc.raci;

import com.demarc.audit.AuditAction;
import com.demarc.project.ProjectAccess;
import com.demarc.project.EvidenceStates;
import com.demarc.project.ProjectControl;
import com.demarc.project.ProjectControlId;
import com.demarc.project.ProjectId;
import com.demarc.project.ProjectService;
import com.demarc.project.RaciChange;
import com.demarc.raci.internal.RaciRepository;
import com.demarc.security.CurrentUser;
import com.demarc.shared.Actors;
import com.demarc.shared.UserFacingException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.jspecify.annotations.Nullable;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static com.demarc.shared.Permissions.HAS_PROJECT_EDIT;
import static com.demarc.shared.Permissions.HAS_PROJECT_READ;
import static com.demarc.shared.Permissions.HAS_RACI_EDIT;

/** RACI of project controls: the rules are enforced here, with permission and project scope on every call. */
@Service
public class RaciService {
    private final com.demarc.audit.AuditLog audit;
    private final RaciRepository repository;
    private final ProjectService projects;
    private final ProjectAccess access;
    private final CurrentUser currentUser;
    private final com.demarc.organization.UserDirectory directory;
    private final EvidenceStates evidence;
    private final org.springframework.context.ApplicationEventPublisher events;

    RaciService(RaciRepository repository, ProjectService projects, ProjectAccess access, CurrentUser currentUser,
                com.demarc.audit.AuditLog audit, com.demarc.organization.UserDirectory directory, EvidenceStates evidence,
                org.springframework.context.ApplicationEventPublisher events) {
        this.events = events;
        this.evidence = evidence;
        this.directory = directory;
        this.repository = repository;
        this.projects = projects;
        this.access = access;
        this.currentUser = currentUser;
        this.audit = audit;
    }

    @PreAuthorize(HAS_PROJECT_READ)
    @Transactional(readOnly = true)
    public Raci raci(ProjectControlId id) {
        projects.control(id);
        return new Raci(id, repository.assignments(List.of(id)).get(id));
    }

    /** Replaces the RACI of one project control; refuses a RACI that breaks a rule, and a stale edit. */
    @PreAuthorize(HAS_RACI_EDIT)
    @Transactional
    public Raci setRaci(ProjectControlId id, long expectedVersion, List<RaciEntry> entries) {
        var control = projects.control(id);
        if (!control.needsRaci() && !entries.isEmpty()) {
            throw new UserFacingException("AWS owns " + control.data().code() + " for this project (or it does not apply): "
                    + "it needs no RACI.");
        }
        var problems = RaciRules.violations(entries, ineligible(entries));
        if (!problems.isEmpty()) {
            throw new UserFacingException("The RACI was not saved.", problems);
        }
        var before = raci(id);
        // write first, then record: recording checks the version (a conflict rolls everything back) and moves coverage
        repository.replace(id, entries);
        projects.recordRaciChange(id, expectedVersion, before.summary(), new Raci(id, entries).summary());
        events.publishEvent(new RaciAssignmentsChanged(List.of(new RaciAssignmentsChanged.Change(id,
                control.data().projectId(), control.data().projectName() + " · " + control.data().code(),
                before.entries(), entries))));
        return raci(id);
    }

    /**
     * Saves one edit of a project control — RACI, status, justification, due date and notes — in one transaction:
     * a refused part (a broken RACI rule, Not applicable without a justification, a stale edit) saves nothing.
     * Only the parts that differ from what is stored are written (and appear in the history).
     */
    @PreAuthorize(HAS_PROJECT_EDIT + " and " + HAS_RACI_EDIT)
    @Transactional
    public ProjectControl saveControl(ProjectControlId id, long expectedVersion, ControlEdit edit) {
        var control = projects.control(id);
        long version = expectedVersion;
        if (!sameEntries(raci(id).entries(), edit.raci())) {
            setRaci(id, version, edit.raci());
            control = projects.control(id);
            version = control.version();
        }
        if (edit.changesStatusOf(control)) {
            control = projects.setStatus(id, version, edit.status(), edit.justification(), edit.dueDate(), edit.notes());
        }
        return control;
    }

    private static boolean sameEntries(List<RaciEntry> a, List<RaciEntry> b) {
        java.util.function.Function<RaciEntry, String> key = e -> e.role() + ":" + e.assignee().user() + ":" + e.assignee().team();
        return a.stream().map(key).collect(java.util.stream.Collectors.toSet())
                .equals(b.stream().map(key).collect(java.util.stream.Collectors.toSet()));
    }

    @PreAuthorize(HAS_PROJECT_READ)
    @Transactional(readOnly = true)
    public List<MatrixRow> matrix(MatrixQuery query, int offset, int limit) {
        if (query.base().project() != null) {
            access.requireRead(query.base().project());
        }
        var ids = repository.matrixIds(query, access.visibleTeams(), offset, limit);
        var rows = projects.controlsByIds(ids);
        var raci = repository.assignments(ids);
        var states = evidence.states(rows);
        return rows.stream().map(c -> new MatrixRow(c, new Raci(c.id(), raci.get(c.id())), states.get(c.id()))).toList();
    }

    @PreAuthorize(HAS_PROJECT_READ)
    @Transactional(readOnly = true)
    public int countMatrix(MatrixQuery query) {
        if (query.base().project() != null) {
            access.requireRead(query.base().project());
        }
        return repository.countMatrix(query, access.visibleTeams());
    }

    /**
     * Sets A (replacing the current Accountable) or adds R for one person or team on the given controls of the given
     * projects, in one transaction: if anything conflicts, nothing changes and every conflict is listed.
     */
    @PreAuthorize(HAS_RACI_EDIT)
    @Transactional
    public BulkResult bulkAssign(Set<ProjectId> projectIds, Set<String> codes, RaciRole role, Assignee assignee) {
        if (role != RaciRole.A && role != RaciRole.R) {
            throw new UserFacingException("Bulk assignment sets Accountable or Responsible.");
        }
        if (role == RaciRole.A && !assignee.isPerson()) {
            throw new UserFacingException("Accountable must be a person, not a team.");
        }
        if (projectIds.isEmpty() || codes.isEmpty()) {
            throw new UserFacingException("Choose at least one project and one control.");
        }
        if (assignee.isPerson() && !directory.ineligibleOwners(List.of(assignee.user())).isEmpty()) {
            throw new UserFacingException("Nothing was changed: " + RaciRules.ineligibleMessage(assignee, role));
        }
        var rows = projects.controlsForEdit(projectIds, codes);
        var current = repository.assignments(rows.stream().map(ProjectControl::id).toList());
        Map<ProjectControl, List<RaciEntry>> plan = new LinkedHashMap<>();
        var conflicts = new ArrayList<String>();
        int unchanged = 0;
        int skipped = projectIds.size() * codes.size() - rows.size();
        for (ProjectControl row : rows) {
            if (!row.needsRaci()) {
                skipped++;
                continue;
            }
            var entries = new ArrayList<>(current.get(row.id()));
            boolean holdsRole = entries.stream().anyMatch(e -> e.role() == role && e.assignee().sameAs(assignee));
            if (holdsRole) {
                unchanged++;
                continue;
            }
            if (assignee.isPerson() && entries.stream().anyMatch(e -> e.assignee().sameAs(assignee))) {
                var letter = entries.stream().filter(e -> e.assignee().sameAs(assignee)).findFirst().orElseThrow().role();
                conflicts.add(row.data().projectName() + " · " + row.data().code() + ": " + assignee.label() + " is already "
                        + letter.label() + " (a person holds one letter per control).");
                continue;
            }
            if (role == RaciRole.A) {
                entries.removeIf(e -> e.role() == RaciRole.A);
            }
            entries.add(new RaciEntry(role, assignee));
            plan.put(row, entries);
        }
        if (!conflicts.isEmpty()) {
            throw new UserFacingException("Nothing was changed: " + conflicts.size() + " conflict(s). Resolve them or "
                    + "leave those controls out, then apply again.", conflicts.stream().limit(50).toList());
        }
        apply(plan, current);
        return new BulkResult(projectIds.size(), plan.size(), unchanged, skipped,
                plan.keySet().stream().map(r -> r.data().projectName() + " · " + r.data().code()).limit(200).toList());
    }

    /** Saves the RACI of a project's customer and shared controls as a named template. */
    @PreAuthorize(HAS_RACI_EDIT)
    @Transactional
    public RaciTemplate saveTemplate(ProjectId project, String name) {
        access.requireEdit(project);
        if (name == null || name.isBlank() || name.strip().length() > 120) {
            throw new UserFacingException("Name the template (up to 120 characters).");
        }
        if (repository.templateNameTaken(name.strip())) {
            throw new UserFacingException("A template named '" + name.strip() + "' exists already: choose another name.");
        }
        var pattern = patternOf(project);
        if (pattern.isEmpty()) {
            throw new UserFacingException("This project has no RACI assignments yet: assign some first.");
        }
        long id = repository.insertTemplate(name.strip(), Actors.currentUsername());
        pattern.forEach((code, entries) -> entries.forEach(e -> repository.insertTemplateEntry(id, code, e)));
        audit.record(AuditAction.RACI_TEMPLATE_SAVED, "raci-template", id, "Saved template " + name.strip() + " from project "
                + project.value() + " (" + pattern.size() + " controls)", null, null);
        return repository.templates().stream().filter(t -> t.id() == id).findFirst().orElseThrow();
    }

    @PreAuthorize(HAS_PROJECT_READ)
    @Transactional(readOnly = true)
    public List<RaciTemplate> templates() {
        return repository.templates();
    }

    @PreAuthorize(HAS_RACI_EDIT)
    @Transactional(readOnly = true)
    public BulkResult previewTemplate(long templateId, Set<ProjectId> targets) {
        return applyPattern(repository.templateEntries(templateId), targets, false);
    }

    /** Applies a template to many projects in one transaction: all or nothing, with a summary. */
    @PreAuthorize(HAS_RACI_EDIT)
    @Transactional
    public BulkResult applyTemplate(long templateId, Set<ProjectId> targets) {
        return applyPattern(repository.templateEntries(templateId), targets, true);
    }

    @PreAuthorize(HAS_RACI_EDIT)
    @Transactional(readOnly = true)
    public BulkResult previewCopy(ProjectId source, Set<ProjectId> targets) {
        access.requireRead(source);
        return applyPattern(patternOf(source), targets, false);
    }

    /** Copies one project's RACI onto many projects (control by control, by code), all or nothing. */
    @PreAuthorize(HAS_RACI_EDIT)
    @Transactional
    public BulkResult copyRaci(ProjectId source, Set<ProjectId> targets) {
        access.requireRead(source);
        return applyPattern(patternOf(source), targets, true);
    }

    /** The project controls the user is R or A on (or C and I), directly or through one of their teams. */
    @PreAuthorize(HAS_PROJECT_READ)
    @Transactional(readOnly = true)
    public List<Responsibility> myResponsibilities(boolean responsibleOrAccountable, @Nullable String sort, boolean ascending,
                                                   int offset, int limit) {
        var roles = roles(responsibleOrAccountable);
        var mine = repository.mine(currentUser.id(), currentUser.teams(), roles, sort, ascending, offset, limit);
        var today = projects.today();
        var rows = projects.controlsByIds(List.copyOf(mine.keySet()));
        var states = evidence.states(rows);
        return rows.stream().map(c -> new Responsibility(c, mine.get(c.id()), c.overdue(today), states.get(c.id()))).toList();
    }

    @PreAuthorize(HAS_PROJECT_READ)
    @Transactional(readOnly = true)
    public int countMyResponsibilities(boolean responsibleOrAccountable) {
        return repository.countMine(currentUser.id(), currentUser.teams(), roles(responsibleOrAccountable));
    }

    private static Set<RaciRole> roles(boolean ra) {
        return ra ? EnumSet.of(RaciRole.R, RaciRole.A) : EnumSet.of(RaciRole.C, RaciRole.I);
    }

    // --- internals

    private Map<String, List<RaciEntry>> patternOf(ProjectId project) {
        var rows = projects.controlsForEdit(List.of(project), null);
        var raci = repository.assignments(rows.stream().map(ProjectControl::id).toList());
        Map<String, List<RaciEntry>> pattern = new LinkedHashMap<>();
        for (ProjectControl row : rows) {
            var entries = raci.get(row.id());
            if (row.needsRaci() && !entries.isEmpty()) {
                pattern.put(row.data().code(), entries);
            }
        }
        return pattern;
    }

    private BulkResult applyPattern(Map<String, List<RaciEntry>> pattern, Set<ProjectId> targets, boolean apply) {
        if (targets.isEmpty()) {
            throw new UserFacingException("Choose at least one project.");
        }
        if (pattern.isEmpty()) {
            throw new UserFacingException("There is nothing to apply: the template or source project has no RACI.");
        }
        var problems = new ArrayList<String>();
        for (String archived : projects.archivedAmong(targets)) {
            problems.add("Project " + archived + " is archived: restore it or leave it out.");
        }
        var ineligible = ineligible(pattern.values().stream().flatMap(List::stream).toList());
        var rows = projects.controlsForEdit(targets, pattern.keySet());
        var current = repository.assignments(rows.stream().map(ProjectControl::id).toList());
        Map<ProjectControl, List<RaciEntry>> plan = new LinkedHashMap<>();
        int unchanged = 0;
        int skipped = targets.size() * pattern.size() - rows.size();
        var lines = new ArrayList<String>();
        for (ProjectControl row : rows) {
            if (!row.needsRaci()) {
                skipped++;
                continue;
            }
            var wanted = pattern.get(row.data().code());
            var violations = RaciRules.violations(wanted, ineligible);
            if (!violations.isEmpty()) {
                problems.add(row.data().code() + ": " + String.join(" ", violations));
                continue;
            }
            if (same(current.get(row.id()), wanted)) {
                unchanged++;
                continue;
            }
            plan.put(row, wanted);
            lines.add(row.data().projectName() + " · " + row.data().code() + ": " + new Raci(row.id(), current.get(row.id())).summary()
                    + " → " + new Raci(row.id(), wanted).summary());
        }
        if (!problems.isEmpty()) {
            throw new UserFacingException("Nothing was changed: " + problems.size() + " problem(s).", problems);
        }
        if (apply) {
            apply(plan, current);
        }
        return new BulkResult(targets.size(), plan.size(), unchanged, skipped, lines.stream().limit(200).toList());
    }

    private void apply(Map<ProjectControl, List<RaciEntry>> plan, Map<ProjectControlId, List<RaciEntry>> current) {
        var changes = new ArrayList<RaciChange>();
        plan.forEach((row, entries) -> changes.add(new RaciChange(row.id(), row.data().projectId(), row.version(),
                new Raci(row.id(), current.get(row.id())).summary(), new Raci(row.id(), entries).summary())));
        var byId = new LinkedHashMap<ProjectControlId, List<RaciEntry>>();
        plan.forEach((row, entries) -> byId.put(row.id(), entries));
        try {
            repository.replaceAll(byId, current);
        } catch (org.springframework.dao.DataIntegrityViolationException e) {
            // only the difference is written, so a letter someone else gave meanwhile collides here (the version check
            // that follows would have said the same): nothing is kept
            throw new UserFacingException("Nothing was changed: some of the controls were changed by someone else while "
                    + "you were working. Reload, check the preview and apply again.");
        }
        projects.recordRaciChanges(changes);
        var notices = new ArrayList<RaciAssignmentsChanged.Change>();
        plan.forEach((row, entries) -> notices.add(new RaciAssignmentsChanged.Change(row.id(), row.data().projectId(),
                row.data().projectName() + " · " + row.data().code(), current.getOrDefault(row.id(), List.of()), entries)));
        events.publishEvent(new RaciAssignmentsChanged(notices));
    }

    /** The people named R or A here who may not hold those letters (one query). */
    private Set<com.demarc.organization.UserId> ineligible(Collection<RaciEntry> entries) {
        var people = entries.stream().filter(e -> (e.role() == RaciRole.A || e.role() == RaciRole.R) && e.assignee().isPerson())
                .map(e -> e.assignee().user()).distinct().toList();
        return people.isEmpty() ? Set.of() : directory.ineligibleOwners(people);
    }

    private static boolean same(Collection<RaciEntry> a, Collection<RaciEntry> b) {
        return key(a).equals(key(b));
    }

    private static Set<String> key(Collection<RaciEntry> entries) {
        var set = new HashSet<String>();
        entries.forEach(e -> set.add(e.role() + ":" + e.assignee().user() + ":" + e.assignee().team()));
        return set;
    }
}
