package com.demarc.raci;

import com.demarc.organization.UserDirectory;
import com.demarc.project.EvidenceState;
import com.demarc.project.EvidenceStates;
import com.demarc.project.ProjectControl;
import com.demarc.shared.Actors;
import com.demarc.shared.Role;
import com.demarc.support.Fixtures;
import com.demarc.support.ModuleTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.modulith.test.Scenario;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The raci module with what it depends on: what it tells the others when assignments change. The evidence module
 * (above raci) answers {@link EvidenceStates} in the application; alone, raci gets a stand-in with no evidence.
 */
@ModuleTest
@org.springframework.context.annotation.Import({Fixtures.class, RaciModuleTest.NoEvidence.class})
class RaciModuleTest {
    @TestConfiguration
    static class NoEvidence {
        @Bean
        EvidenceStates noEvidence() {
            return page -> page.stream().collect(Collectors.toMap(ProjectControl::id, c -> EvidenceState.NONE));
        }
    }

    @Autowired
    RaciService raci;
    @Autowired
    UserDirectory users;
    @Autowired
    Fixtures fixtures;

    private Assignee person(String username) {
        var u = users.findForLogin(username).orElseThrow();
        return Assignee.person(u.id(), u.displayName());
    }

    @Test
    void settingARaciPublishesTheLettersBeforeAndAfter(Scenario scenario) {
        var row = fixtures.freshRow("Payments", "SRM-IAM-02");
        var entries = List.of(new RaciEntry(RaciRole.A, person("alice")),
                new RaciEntry(RaciRole.R, Assignee.team(fixtures.team("Payments"), "Payments (team)")));
        scenario.stimulate(() -> Actors.runAsSystem(Set.of(Role.MANAGER), () -> raci.setRaci(row.id(), row.version(), entries)))
                .andWaitForEventOfType(RaciAssignmentsChanged.class)
                .matching(e -> e.changes().stream().anyMatch(c -> c.control().equals(row.id())))
                .toArriveAndVerify(e -> {
                    var change = e.changes().getFirst();
                    assertThat(change.project()).isEqualTo(row.data().projectId());
                    assertThat(change.label()).endsWith("· SRM-IAM-02");
                    assertThat(change.before()).isEmpty();
                    assertThat(change.after()).containsExactlyElementsOf(entries);
                });
    }
}
