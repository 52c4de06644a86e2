package com.demarc.coverage;

import com.demarc.project.ProjectRegisterChanged;
import com.demarc.project.ProjectService;
import com.demarc.project.Status;
import com.demarc.shared.Actors;
import com.demarc.shared.Role;
import com.demarc.support.Fixtures;
import com.demarc.support.ModuleTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.modulith.test.Scenario;

import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The coverage module with what it depends on. It publishes no events of its own: it keeps its rollups in step with
 * the project module's {@link ProjectRegisterChanged}, in the changing transaction, so the dashboard a user opens
 * right after a change already counts it.
 */
@ModuleTest
@org.springframework.context.annotation.Import(Fixtures.class)
class CoverageModuleTest {
    @Autowired
    CoverageService coverage;
    @Autowired
    ProjectService projects;
    @Autowired
    Fixtures fixtures;

    private Coverage overall() {
        var ref = new AtomicReference<Coverage>();
        Actors.runAsSystem(Set.of(Role.MANAGER), () -> ref.set(coverage.dashboard().overall()));
        return ref.get();
    }

    @Test
    void aRegisterChangeMovesTheRollupsTheDashboardReads(Scenario scenario) {
        var row = fixtures.freshRow("Payments", "SRM-IAM-02");
        var before = overall();
        scenario.stimulate(() -> Actors.runAsSystem(Set.of(Role.MANAGER), () -> projects.setStatus(row.id(),
                        row.version(), Status.NOT_APPLICABLE, "Not used by this project", null, "")))
                .andWaitForEventOfType(ProjectRegisterChanged.class)
                .matching(e -> e.projects().equals(Set.of(row.data().projectId())))
                .toArriveAndVerify(e -> assertThat(overall().applicable()).isEqualTo(before.applicable() - 1));
    }
}
