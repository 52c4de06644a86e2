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

    /** The RACI of several project controls in two queries, keyed by control; those the user may not read are left out. */
    @PreAuthorize(HAS_PROJECT_READ)
    @Transactional(readOnly = true)
    public Map<ProjectControlId, Raci> racis(List<ProjectControlId> ids) {
        var readable = projects.controlsByIds(ids).stream().map(ProjectControl::id).toList();
        var result = new LinkedHashMap<ProjectControlId, Raci>();
        if (!readable.isEmpty()) {
            var assignments = repository.assignments(readable);
            readable.forEach(id -> result.put(id, new Raci(id, assignments.getOrDefault(id, List.of()))));
        }
        return result;
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
        var before = raci(id);
        var problems = new ArrayList<>(RaciRules.violations(entries, ineligible(entries)));
        problems.addAll(outsideTeam(control, before.entries(), entries));
        if (!problems.isEmpty()) {
            throw new UserFacingException("The RACI was not saved.", problems.stream().distinct().toList());
        }
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
        return bulkAssign(projectIds, codes, role == RaciRole.A ? assignee : null, role == RaciRole.R ? assignee : null);
    }

    /**
     * One bulk pass that sets the Accountable person (replacing the current one) and/or adds a Responsible person or
     * team on the given controls of the given projects, in one transaction: any conflict changes nothing.
     */
    @PreAuthorize(HAS_RACI_EDIT)
    @Transactional
    public BulkResult bulkAssign(Set<ProjectId> projectIds, Set<String> codes, @Nullable Assignee accountable,
                                 @Nullable Assignee responsible) {
        if (accountable == null && responsible == null) {
            throw new UserFacingException("Choose an Accountable person, a Responsible person or team, or both.");
        }
        if (accountable != null && !accountable.isPerson()) {
            throw new UserFacingException("Accountable must be a person, not a team.");
        }
        if (accountable != null && responsible != null && accountable.sameAs(responsible)) {
            throw new UserFacingException(accountable.label() + " cannot be both Accountable and Responsible: a person "
                    + "holds one letter per control. Choose someone else (or a team) as Responsible.");
        }
        if (projectIds.isEmpty() || codes.isEmpty()) {
            throw new UserFacingException("Choose at least one project and one control.");
        }
        for (var pass : passes(accountable, responsible).entrySet()) {
            var who = pass.getValue();
            if (who.isPerson() && !directory.ineligibleOwners(List.of(who.user())).isEmpty()) {
                throw new UserFacingException("Nothing was changed: " + RaciRules.ineligibleMessage(who, pass.getKey()));
            }
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
            boolean changed = false;
            for (var pass : passes(accountable, responsible).entrySet()) {
                RaciRole role = pass.getKey();
                Assignee assignee = pass.getValue();
                if (entries.stream().anyMatch(e -> e.role() == role && e.assignee().sameAs(assignee))) {
                    continue;
                }
                // the passes run in order on the same row: an Accountable replaced by the first may be Responsible
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
                changed = true;
            }
            if (!changed) {
                unchanged++;
                continue;
            }
            var refused = outsideTeam(row, current.get(row.id()), entries);
            if (!refused.isEmpty()) {
                conflicts.add(row.data().projectName() + " · " + row.data().code() + ": " + String.join(" ", refused));
                continue;
            }
            plan.put(row, entries);
        }
        if (!conflicts.isEmpty()) {
            throw new UserFacingException("Nothing was changed: " + conflicts.size() + " conflict(s). Resolve them or "
                    + "leave those controls out, then apply again.", conflicts.stream().distinct().limit(50).toList());
        }
        apply(plan, current);
        return new BulkResult(projectIds.size(), plan.size(), unchanged, skipped,
                plan.keySet().stream().map(r -> r.data().projectName() + " · " + r.data().code()).limit(200).toList());
    }

    private static Map<RaciRole, Assignee> passes(@Nullable Assignee accountable, @Nullable Assignee responsible) {
        var passes = new LinkedHashMap<RaciRole, Assignee>();
        if (accountable != null) {
            passes.put(RaciRole.A, accountable);
        }
        if (responsible != null) {
            passes.put(RaciRole.R, responsible);
        }
        return passes;
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
        // the project's own team is saved as a role ("the project's team"): the template then fits any team's project
        var team = projects.project(project).teamId();
        long id = repository.insertTemplate(name.strip(), Actors.currentUsername());
        pattern.forEach((code, entries) -> entries.forEach(e -> repository.insertTemplateEntry(id, code,
                team.equals(e.assignee().team()) ? new RaciEntry(e.role(), Assignee.projectTeam()) : e)));
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
        return applyPattern(travelling(source), targets, false);
    }

    /** Copies one project's RACI onto many projects (control by control, by code), all or nothing. */
    @PreAuthorize(HAS_RACI_EDIT)
    @Transactional
    public BulkResult copyRaci(ProjectId source, Set<ProjectId> targets) {
        access.requireRead(source);
        return applyPattern(travelling(source), targets, true);
    }

    /** The project controls the user is R or A on (or C and I), directly or through one of their teams. */
    @PreAuthorize(HAS_PROJECT_READ)
    @Transactional(readOnly = true)
    public List<Responsibility> myResponsibilities(boolean responsibleOrAccountable, @Nullable String sort, boolean ascending,
                                                   int offset, int limit) {
        var roles = roles(responsibleOrAccountable);
        var mine = repository.mine(currentUser.id(), currentUser.teams(), access.visibleTeams(), roles, sort, ascending,
                offset, limit);
        var today = projects.today();
        var rows = projects.controlsByIds(List.copyOf(mine.keySet()));
        var states = evidence.states(rows);
        return rows.stream().map(c -> new Responsibility(c, mine.get(c.id()), c.overdue(today), states.get(c.id()))).toList();
    }

    @PreAuthorize(HAS_PROJECT_READ)
    @Transactional(readOnly = true)
    public int countMyResponsibilities(boolean responsibleOrAccountable) {
        return repository.countMine(currentUser.id(), currentUser.teams(), access.visibleTeams(), roles(responsibleOrAccountable));
    }

    /**
     * Both lists' row counts and, counted apart, the R/A controls naming the user (directly or through a team) in
     * projects the user cannot open (letters given before they left the project's team): the lists show only what the
     * user can open, so their counts match their rows. One query.
     */
    @PreAuthorize(HAS_PROJECT_READ)
    @Transactional(readOnly = true)
    public MyResponsibilityCounts myResponsibilityCounts() {
        int[] c = repository.countMineAll(currentUser.id(), currentUser.teams(), access.visibleTeams());
        return new MyResponsibilityCounts(c[0], c[1], c[2]);
    }

    private static Set<RaciRole> roles(boolean ra) {
        return ra ? EnumSet.of(RaciRole.R, RaciRole.A) : EnumSet.of(RaciRole.C, RaciRole.I);
    }

    // --- internals

    /** The project's RACI with its own team as "the project's team", to be resolved in each target. */
    private Map<String, List<RaciEntry>> travelling(ProjectId project) {
        var team = projects.project(project).teamId();
        Map<String, List<RaciEntry>> pattern = new LinkedHashMap<>();
        patternOf(project).forEach((code, entries) -> pattern.put(code, entries.stream()
                .map(e -> team.equals(e.assignee().team()) ? new RaciEntry(e.role(), Assignee.projectTeam()) : e).toList()));
        return pattern;
    }

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
        // every row of the targets: the unowned warning counts the controls the pattern does not cover too
        var all = projects.controlsForEdit(targets, null);
        var current = repository.assignments(all.stream().map(ProjectControl::id).toList());
        var rows = all.stream().filter(r -> pattern.containsKey(r.data().code())).toList();
        Map<ProjectControl, List<RaciEntry>> plan = new LinkedHashMap<>();
        int unchanged = 0;
        int skipped = targets.size() * pattern.size() - rows.size();
        var lines = new ArrayList<String>();
        var teamNames = new java.util.HashMap<ProjectId, String>();
        for (ProjectControl row : rows) {
            if (!row.needsRaci()) {
                skipped++;
                continue;
            }
            var wanted = resolve(pattern.get(row.data().code()), row, teamNames);
            var violations = new ArrayList<>(RaciRules.violations(wanted, ineligible));
            violations.addAll(outsideTeam(row, current.get(row.id()), wanted));
            if (!violations.isEmpty()) {
                problems.add(row.data().code() + " (" + row.data().projectName() + "): " + String.join(" ", violations));
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
        var unowned = new ArrayList<String>();
        for (ProjectControl row : all) {
            if (row.needsRaci()) {
                var gaps = RaciRules.ownershipGaps(plan.getOrDefault(row, current.get(row.id())));
                if (!gaps.isEmpty()) {
                    unowned.add(row.data().projectName() + " · " + row.data().code() + ": " + String.join(", ", gaps));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new UserFacingException("Nothing was changed: " + problems.size() + " problem(s).", problems);
        }
        if (apply) {
            apply(plan, current);
        }
        return new BulkResult(targets.size(), plan.size(), unchanged, skipped, lines.stream().limit(200).toList(),
                unowned.size(), unowned.stream().limit(200).toList());
    }

    /** A template's "the project's team" becomes the team owning this row's project. */
    private List<RaciEntry> resolve(List<RaciEntry> entries, ProjectControl row, Map<ProjectId, String> teamNames) {
        if (entries.stream().noneMatch(e -> e.assignee().isProjectTeam())) {
            return entries;
        }
        var name = teamNames.computeIfAbsent(row.data().projectId(), p -> projects.project(p).teamName());
        return entries.stream().map(e -> e.assignee().isProjectTeam()
                ? new RaciEntry(e.role(), Assignee.team(row.data().teamId(), name + " (team)")) : e).toList();
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

    /**
     * Who may be named where (ADR 0026): R and A only for members of the project's team and compliance managers (they
     * must be able to open and change the control), a team as R only for the project's own team; anyone may be
     * Consulted or Informed. Checked for the letters this change adds, so an older letter does not block other work.
     */
    private List<String> outsideTeam(ProjectControl control, List<RaciEntry> before, List<RaciEntry> after) {
        var had = key(before);
        var added = after.stream().filter(e -> !had.contains(e.role() + ":" + e.assignee().user() + ":" + e.assignee().team()))
                .filter(e -> e.role() == RaciRole.A || e.role() == RaciRole.R).toList();
        if (added.isEmpty()) {
            return List.of();
        }
        var team = control.data().teamId();
        var people = added.stream().filter(e -> e.assignee().isPerson()).map(e -> e.assignee().user()).distinct().toList();
        var outside = people.isEmpty() ? Set.<com.demarc.organization.UserId>of() : directory.outsideTeam(people, team);
        var problems = new ArrayList<String>();
        for (RaciEntry e : added) {
            if (e.assignee().isPerson() && outside.contains(e.assignee().user())) {
                problems.add(e.assignee().label() + " cannot be " + e.role().label() + " on " + control.data().projectName()
                        + ": only members of the project's team and compliance managers act on its controls. Add "
                        + e.assignee().label() + " to the team first, or make them Consulted or Informed.");
            } else if (!e.assignee().isPerson() && e.assignee().team() != null && !e.assignee().team().equals(team)) {
                problems.add(e.assignee().label() + " cannot be Responsible on " + control.data().projectName()
                        + ": only the project's own team can be Responsible as a team. Name the project's team, or make "
                        + e.assignee().label() + " Consulted or Informed.");
            }
        }
        return problems;
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
