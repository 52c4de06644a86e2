package com.demarc.coverage;

import com.demarc.organization.TeamScope;
import com.demarc.coverage.internal.CoverageRepository;
import com.demarc.evidence.ProjectEvidenceChanged;
import com.demarc.project.ProjectAccess;
import com.demarc.project.ProjectId;
import com.demarc.project.ProjectRegisterChanged;
import org.springframework.context.event.EventListener;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

import static com.demarc.shared.Permissions.DASHBOARD_READ;

/**
 * Coverage of the AWS model (ADR 0008). Dashboards read rollups, which are recomputed for a project in the same
 * transaction as any change that moves them (synchronous listener), and for every project once a day.
 */
@Service
public class CoverageService {
    private static final String HAS_DASHBOARD_READ = "hasAuthority('" + DASHBOARD_READ + "')";
    private static final String HAS_SNAPSHOT = "hasAnyRole('MANAGER','ADMIN')";

    private final CoverageRepository repository;
    private final ProjectAccess access;
    private final Clock clock;

    CoverageService(CoverageRepository repository, ProjectAccess access, Clock clock) {
        this.repository = repository;
        this.access = access;
        this.clock = clock;
    }

    /** Keeps the rollups in step, inside the transaction of the change (status, RACI, services, catalog version). */
    @EventListener
    void on(ProjectRegisterChanged event) {
        refresh(event.projects());
    }

    /** Keeps the rollups in step, inside the transaction of the change (evidence, review, attestation links). */
    @EventListener
    void on(ProjectEvidenceChanged event) {
        refresh(event.projects());
    }

    /** Keeps the rollups in step, inside the transaction of the change (check results, suppressions, mapping). */
    @EventListener
    void on(com.demarc.automation.CheckResultsChanged event) {
        refresh(event.projects());
    }

    /**
     * The failing-checks gap list: failing, unsuppressed checks mapped to controls of active projects in the user's
     * scope, with the failing resources, most failing first.
     */
    @PreAuthorize(HAS_DASHBOARD_READ)
    @Transactional(readOnly = true)
    public List<FailingCheck> failingChecks(int offset, int limit) {
        return repository.failingChecks(access.visibleTeams(), offset, limit);
    }

    @PreAuthorize(HAS_DASHBOARD_READ)
    @Transactional(readOnly = true)
    public int countFailingChecks() {
        return repository.countFailingChecks(access.visibleTeams());
    }

    /** Covered customer and shared controls by automation vs by manual evidence only, and checks passing/failing. */
    @PreAuthorize(HAS_DASHBOARD_READ)
    @Transactional(readOnly = true)
    public AutomatedShare automatedShare() {
        return repository.automatedShare(access.visibleTeams());
    }

    private void refresh(java.util.Set<ProjectId> projects) {
        repository.refresh(projects.stream().map(ProjectId::value).collect(java.util.stream.Collectors.toSet()));
    }

    @PreAuthorize(HAS_DASHBOARD_READ)
    @Transactional(readOnly = true)
    public Dashboard dashboard() {
        return repository.dashboard(access.visibleTeams());
    }

    @PreAuthorize(HAS_DASHBOARD_READ)
    @Transactional(readOnly = true)
    public List<Gap> gaps(GapQuery query, int offset, int limit) {
        return repository.gaps(query, access.visibleTeams(), offset, limit);
    }

    @PreAuthorize(HAS_DASHBOARD_READ)
    @Transactional(readOnly = true)
    public int countGaps(GapQuery query) {
        return repository.countGaps(query, access.visibleTeams());
    }

    /**
     * One project's coverage, in total and per owner column (the REST API's {@code /projects/{id}/coverage}); from the
     * project's rollup rows, within the reader's scope.
     */
    @PreAuthorize(HAS_DASHBOARD_READ)
    @Transactional(readOnly = true)
    public List<Coverage> projectCoverage(ProjectId project) {
        access.requireRead(project);
        return repository.projectCoverage(project.value());
    }

    /** The last 90 days of daily snapshots. */
    @PreAuthorize(HAS_DASHBOARD_READ)
    @Transactional(readOnly = true)
    public List<TrendPoint> trend() {
        return repository.trend(access.visibleTeams(), LocalDate.now(clock).minusDays(90));
    }

    /** The share of passing AWS checks per import day over the last 90 days, in the reader's scope. */
    @PreAuthorize(HAS_DASHBOARD_READ)
    @Transactional(readOnly = true)
    public List<CheckTrendPoint> checkTrend() {
        return repository.checkTrend(access.visibleTeams(), null, LocalDate.now(clock).minusDays(90));
    }

    /** The same for one project. */
    @PreAuthorize(HAS_DASHBOARD_READ)
    @Transactional(readOnly = true)
    public List<CheckTrendPoint> checkTrend(ProjectId project) {
        access.requireRead(project);
        return repository.checkTrend(access.visibleTeams(), project.value(), LocalDate.now(clock).minusDays(90));
    }

    /** Recomputes every rollup and records today's snapshot now (managers, admins). */
    @PreAuthorize(HAS_SNAPSHOT)
    @Transactional
    public Snapshot snapshotNow() {
        refreshAndSnapshot();
        return new Snapshot(repository.rolledUpProjects(), java.time.ZonedDateTime.now(clock));
    }

    /** What "Take snapshot now" did: the projects it counted and when (shown to the manager who asked). */
    public record Snapshot(int projects, java.time.ZonedDateTime at) {
        public String message() {
            return "Snapshot of " + projects + (projects == 1 ? " project" : " projects") + " taken at "
                    + at.format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")) + " ("
                    + at.getZone().getId() + "); the trend shows it as today's point.";
        }
    }

    /** For the daily job and start-up: no user involved. */
    @Transactional
    public void refreshAndSnapshot() {
        var today = LocalDate.now(clock);
        repository.refreshAll(today);
        repository.snapshot(today);
    }

    /** True when the rollups were last fully refreshed before today (states depend on the date). */
    @Transactional(readOnly = true)
    public boolean staleToday() {
        return repository.lastFullRefresh().isBefore(LocalDate.now(clock));
    }
}
