package com.demarc.project;

import com.demarc.shared.Actors;
import com.demarc.shared.Role;
import com.demarc.support.Fixtures;
import com.demarc.support.ModuleTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.modulith.test.Scenario;

import java.util.Set;

/** The project module alone: what it tells the others when a register changes. */
@ModuleTest
@org.springframework.context.annotation.Import(Fixtures.class)
class ProjectModuleTest {
    @Autowired
    ProjectService projects;
    @Autowired
    Fixtures fixtures;

    @Test
    void aStatusChangePublishesTheProjectsRegisterChange(Scenario scenario) {
        var row = fixtures.freshRow("Payments", "SRM-IAM-02");
        scenario.stimulate(() -> Actors.runAsSystem(Set.of(Role.MANAGER), () -> projects.setStatus(row.id(),
                        row.version(), Status.IN_PROGRESS, null, null, "")))
                .andWaitForEventOfType(ProjectRegisterChanged.class)
                .matching(e -> e.projects().equals(Set.of(row.data().projectId())))
                .toArrive();
    }
}
