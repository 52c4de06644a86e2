package com.demarc.evidence;

import com.demarc.shared.Actors;
import com.demarc.shared.DemarcUser;
import com.demarc.shared.Role;
import com.demarc.support.Fixtures;
import com.demarc.support.ModuleTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.modulith.test.Scenario;

import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** The evidence module with what it depends on: what it tells the others when evidence moves. */
@ModuleTest
@org.springframework.context.annotation.Import(Fixtures.class)
class EvidenceModuleTest {
    @Autowired
    EvidenceService evidence;
    @Autowired
    Fixtures fixtures;

    @Test
    void addingAndReviewingEvidencePublishEvidenceChangedForItsProject(Scenario scenario) {
        var row = fixtures.freshRow("Payments", "SRM-IAM-02");
        var item = new AtomicReference<EvidenceItem>();
        scenario.stimulate(() -> Actors.runAsSystem(Set.of(Role.MANAGER), () -> item.set(evidence.addLink(row.id(),
                        "Access review", "https://example.com/review", "", null, null))))
                .andWaitForEventOfType(ProjectEvidenceChanged.class)
                .matching(e -> e.projects().equals(Set.of(row.data().projectId())))
                .toArrive();

        var reviewer = new DemarcUser(0, "module.reviewer", "Reviewer", Set.of(Role.MANAGER), true, null);
        var version = item.get().current();
        scenario.stimulate(() -> Actors.runAs(reviewer, () -> evidence.review(version.id(), version.version(), true, "ok")))
                .andWaitForEventOfType(ProjectEvidenceChanged.class)
                .matching(e -> e.projects().equals(Set.of(row.data().projectId())))
                .toArriveAndVerify(e -> Actors.runAsSystem(Set.of(Role.MANAGER),
                        () -> assertThat(evidence.states(java.util.List.of(row)).get(row.id()))
                                .isEqualTo(com.demarc.project.EvidenceState.ACCEPTED)));
    }
}
