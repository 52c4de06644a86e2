package com.demarc.project;

import com.demarc.project.AwsAccountId;
import com.demarc.catalog.AwsService;
import com.demarc.catalog.AwsServiceId;
import com.demarc.catalog.CatalogService;
import com.demarc.catalog.Owner;
import com.demarc.shared.ConcurrentEditException;
import com.demarc.shared.UserFacingException;
import com.demarc.support.DemarcTest;
import com.demarc.support.Fixtures;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.test.context.support.WithUserDetails;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DemarcTest
class ProjectServiceTest {
    @Autowired
    ProjectService projects;
    @Autowired
    CatalogService catalog;
    @Autowired
    Fixtures fixtures;

    private AwsServiceId service(String code) {
        return catalog.services().stream().filter(s -> s.code().equals(code)).findFirst().orElseThrow().id();
    }

    @Test
    @WithUserDetails("alice")
    void aMemberCreatesAProjectForTheirTeamWithAFullRegister() {
        var project = projects.create(new ProjectDraft(fixtures.team("Payments"), "Alice's test shop", "",
                List.of("123456789012", "1234-5678-9012"), Set.of(service("EC2"), service("S3"))));
        assertThat(project.awsAccountIds()).containsExactly(new AwsAccountId("123456789012"));
        int rows = projects.countControls(new ControlQuery(project.id(), null, null, null, null, null));
        assertThat(rows).isEqualTo(catalog.controlsFor(project.modelId()).size());
        var patching = fixtures.row(project, "SRM-PLAT-02");
        assertThat(patching.data().owner()).isEqualTo(Owner.CUSTOMER);
        assertThat(patching.data().ownerReason()).contains("EC2 (infrastructure) puts it on the customer");
        assertThat(fixtures.row(project, "SRM-AWS-02").data().status()).isEqualTo(Status.INHERITED);
    }

    @Test
    @WithUserDetails("alice")
    void aMemberCannotCreateOrChangeAnotherTeamsProjectEvenThroughTheService() {
        assertThatThrownBy(() -> projects.create(new ProjectDraft(fixtures.team("Data Platform"), "Sneaky", "",
                List.of(), Set.of()))).isInstanceOf(AccessDeniedException.class);
        var other = fixtures.project("Data Platform", "Bob's", "S3");
        var row = fixtures.row(other, "SRM-DATA-01");
        assertThatThrownBy(() -> projects.setStatus(row.id(), row.version(), Status.IMPLEMENTED, null, null, ""))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> projects.project(other.id())).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> projects.update(other.id(), other.version(), new ProjectDraft(other.teamId(),
                "Renamed", "", List.of(), Set.of()))).isInstanceOf(AccessDeniedException.class);
        assertThat(projects.findProjects("", false, 0, 1000)).noneMatch(p -> p.id().equals(other.id()));
    }

    @Test
    @WithUserDetails("auditor")
    void auditorsReadButChangeNothing() {
        var p = fixtures.project("Payments", "Audited", "LAMBDA");
        assertThat(projects.project(p.id()).name()).isEqualTo(p.name());
        var row = fixtures.row(p, "SRM-DATA-01");
        assertThatThrownBy(() -> projects.setStatus(row.id(), row.version(), Status.IN_PROGRESS, null, null, ""))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> projects.create(new ProjectDraft(p.teamId(), "x", "", List.of(), Set.of())))
                .isInstanceOf(AccessDeniedException.class);
    }

    @Test
    @WithUserDetails("manager")
    void addingEc2ShowsBeforeSavingThatGuestOsPatchingBecomesYours() {
        var p = fixtures.project("Payments", "Serverless", "LAMBDA", "DYNAMODB");
        assertThat(fixtures.row(p, "SRM-PLAT-02").data().owner()).isEqualTo(Owner.AWS);
        var withEc2 = new HashSet<>(p.services().stream().map(AwsService::id).toList());
        withEc2.add(service("EC2"));
        var preview = projects.previewServices(p.id(), withEc2);
        assertThat(preview).anySatisfy(c -> {
            assertThat(c.code()).isEqualTo("SRM-PLAT-02");
            assertThat(c.from()).isEqualTo(Owner.AWS);
            assertThat(c.to()).isEqualTo(Owner.CUSTOMER);
            assertThat(c.reason()).contains("EC2");
        });
        // nothing changed yet
        assertThat(fixtures.row(p, "SRM-PLAT-02").data().owner()).isEqualTo(Owner.AWS);

        projects.update(p.id(), p.version(), new ProjectDraft(p.teamId(), p.name(), p.description(), List.of(), withEc2));
        var row = fixtures.row(p, "SRM-PLAT-02");
        assertThat(row.data().owner()).isEqualTo(Owner.CUSTOMER);
        assertThat(row.data().status()).isEqualTo(Status.NOT_STARTED);
        assertThat(projects.history(row.id())).anySatisfy(e -> {
            assertThat(e.field()).isEqualTo("owner");
            assertThat(e.from()).isEqualTo("AWS");
            assertThat(e.to()).isEqualTo("Customer");
            assertThat(e.actor()).isEqualTo("manager");
        });
    }

    @Test
    @WithUserDetails("manager")
    void statusRulesAreEnforcedAndEveryChangeIsRecorded() {
        var p = fixtures.project("Payments", "Status", "EC2");
        var row = fixtures.row(p, "SRM-IAM-02");
        assertThatThrownBy(() -> projects.setStatus(row.id(), row.version(), Status.NOT_APPLICABLE, " ", null, ""))
                .isInstanceOf(UserFacingException.class).hasMessageContaining("justification is required");
        assertThatThrownBy(() -> projects.setStatus(row.id(), row.version(), Status.INHERITED, null, null, ""))
                .isInstanceOf(UserFacingException.class).hasMessageContaining("Only controls AWS owns");
        var na = projects.setStatus(row.id(), row.version(), Status.NOT_APPLICABLE, "No IAM users: SSO only.",
                LocalDate.of(2027, 1, 31), "see ADR");
        assertThat(na.data().status()).isEqualTo(Status.NOT_APPLICABLE);
        assertThat(na.data().justification()).isEqualTo("No IAM users: SSO only.");
        assertThat(projects.history(row.id())).extracting(ProjectEvent::field).contains("status", "due date", "justification");
    }

    @Test
    @WithUserDetails("manager")
    void aConcurrentEditIsRefusedAndSaysWhoChangedWhat() {
        var p = fixtures.project("Payments", "Conflict", "EC2");
        var row = fixtures.row(p, "SRM-NET-01");
        projects.setStatus(row.id(), row.version(), Status.IN_PROGRESS, null, null, "");
        assertThatThrownBy(() -> projects.setStatus(row.id(), row.version(), Status.IMPLEMENTED, null, null, ""))
                .isInstanceOf(ConcurrentEditException.class)
                .hasMessageContaining("manager").hasMessageContaining("Not started → In progress")
                .hasMessageContaining("Your input is still here");
    }

    @Test
    @WithUserDetails("manager")
    void badAccountIdsAndDuplicateNamesAreRefusedAndNothingIsStored() {
        var team = fixtures.team("Payments");
        int before = projects.countProjects("", true);
        assertThatThrownBy(() -> projects.create(new ProjectDraft(team, "Bad accounts", "", List.of("12345", "abcdefghijkl"), Set.of())))
                .isInstanceOfSatisfying(UserFacingException.class, e -> assertThat(e.problems())
                        .anyMatch(m -> m.contains("'12345'") && m.contains("12 digits"))
                        .anyMatch(m -> m.contains("'abcdefghijkl'")));
        var p = fixtures.project("Payments", "Dup", "S3");
        assertThatThrownBy(() -> projects.create(new ProjectDraft(team, p.name().toUpperCase(), "", List.of(), Set.of())))
                .isInstanceOf(UserFacingException.class).hasMessageContaining("already");
        assertThat(projects.countProjects("", true)).isEqualTo(before + 1);
    }
}
