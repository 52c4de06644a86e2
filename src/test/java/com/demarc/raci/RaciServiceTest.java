package com.demarc.raci;

import com.demarc.organization.OrganizationService;
import com.demarc.organization.UserDirectory;
import com.demarc.project.ControlQuery;
import com.demarc.project.Project;
import com.demarc.project.ProjectControl;
import com.demarc.project.ProjectId;
import com.demarc.project.ProjectService;
import com.demarc.shared.ConcurrentEditException;
import com.demarc.shared.UserFacingException;
import com.demarc.support.DemarcTest;
import com.demarc.support.Fixtures;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.test.context.support.WithUserDetails;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DemarcTest
class RaciServiceTest {
    @Autowired
    RaciService raci;
    @Autowired
    ProjectService projects;
    @Autowired
    UserDirectory users;
    @Autowired
    OrganizationService organization;
    @Autowired
    Fixtures fixtures;
    @Autowired
    JdbcClient jdbc;

    Assignee person(String username) {
        var u = users.findForLogin(username).orElseThrow();
        return Assignee.person(u.id(), u.displayName());
    }

    Assignee team(String name) {
        return Assignee.team(fixtures.team(name), name + " (team)");
    }

    RaciEntry a(Assignee x) {
        return new RaciEntry(RaciRole.A, x);
    }

    RaciEntry r(Assignee x) {
        return new RaciEntry(RaciRole.R, x);
    }

    ProjectControl fresh(ProjectControl row) {
        return projects.control(row.id());
    }

    @Test
    @WithUserDetails("manager")
    void twoAccountablesAreRefused() {
        var row = fixtures.row(fixtures.project("Payments", "Two A", "EC2"), "SRM-IAM-02");
        assertThatThrownBy(() -> raci.setRaci(row.id(), row.version(), List.of(a(person("alice")), a(person("manager")))))
                .isInstanceOfSatisfying(UserFacingException.class,
                        e -> assertThat(e.problems()).anyMatch(p -> p.contains("Exactly one person is Accountable")));
        assertThat(raci.raci(row.id()).entries()).isEmpty();
    }

    @Test
    @WithUserDetails("manager")
    void accountableMustBeAPersonAndAPersonHoldsOneLetter() {
        var row = fixtures.row(fixtures.project("Payments", "Letters", "EC2"), "SRM-IAM-02");
        assertThatThrownBy(() -> raci.setRaci(row.id(), row.version(), List.of(a(team("Payments")))))
                .isInstanceOfSatisfying(UserFacingException.class,
                        e -> assertThat(e.problems()).anyMatch(p -> p.contains("must be a person")));
        assertThatThrownBy(() -> raci.setRaci(row.id(), row.version(), List.of(a(person("alice")), r(person("alice")))))
                .isInstanceOfSatisfying(UserFacingException.class,
                        e -> assertThat(e.problems()).anyMatch(p -> p.contains("Alice Anders holds more than one letter")));
    }

    @Test
    @WithUserDetails("manager")
    void noResponsibleMeansUnownedAndShowsSo() {
        var project = fixtures.project("Payments", "Unowned", "EC2");
        var row = fixtures.row(project, "SRM-IAM-02");
        var saved = raci.setRaci(row.id(), row.version(), List.of(a(person("alice"))));
        assertThat(saved.owned()).isFalse();
        assertThat(saved.gaps()).containsExactly("No Responsible");
        var unowned = raci.matrix(new MatrixQuery(new ControlQuery(project.id(), null, null, null, null, "SRM-IAM-02"), true), 0, 10);
        assertThat(unowned).hasSize(1).allMatch(MatrixRow::unowned);

        var owned = raci.setRaci(row.id(), fresh(row).version(), List.of(a(person("alice")), r(team("Payments")),
                new RaciEntry(RaciRole.C, person("manager"))));
        assertThat(owned.owned()).isTrue();
        assertThat(raci.matrix(new MatrixQuery(new ControlQuery(project.id(), null, null, null, null, "SRM-IAM-02"), true), 0, 10)).isEmpty();
        assertThat(projects.history(row.id())).anySatisfy(e -> {
            assertThat(e.field()).isEqualTo("RACI");
            assertThat(e.to()).contains("A: Alice Anders").contains("R: Payments (team)");
        });
    }

    /** The control editor's save is one action: a refused status must not leave the new RACI behind (issue 12). */
    @Test
    @WithUserDetails("manager")
    void aRefusedStatusLeavesTheRaciUnchanged() {
        var row = fixtures.row(fixtures.project("Payments", "One action", "EC2"), "SRM-IAM-02");
        raci.setRaci(row.id(), row.version(), List.of(a(person("alice")), r(team("Payments"))));
        var before = fresh(row);
        var edit = new ControlEdit(com.demarc.project.Status.NOT_APPLICABLE, "  ", null, "new notes",
                List.of(a(person("manager")), r(person("alice"))));

        assertThatThrownBy(() -> raci.saveControl(row.id(), before.version(), edit))
                .isInstanceOf(UserFacingException.class).hasMessageContaining("justification is required");

        var after = fresh(row);
        assertThat(raci.raci(row.id()).names(RaciRole.A)).isEqualTo("Alice Anders");
        assertThat(raci.raci(row.id()).names(RaciRole.R)).isEqualTo("Payments (team)");
        assertThat(after.version()).isEqualTo(before.version());
        assertThat(after.data().status()).isEqualTo(before.data().status());
        assertThat(after.data().notes()).isEqualTo(before.data().notes());
        assertThat(projects.history(row.id())).filteredOn(e -> e.field().equals("RACI")).hasSize(1);
        assertThat(jdbc.sql("select count(*) from audit_log where action = 'RACI_CHANGED' and entity_id = :id")
                .param("id", String.valueOf(row.id().value())).query(Long.class).single()).isEqualTo(1L);
    }

    @Test
    @WithUserDetails("manager")
    void aControlEditSavesRaciAndStatusTogetherAndOnlyWhatChanged() {
        var row = fixtures.row(fixtures.project("Payments", "Both parts", "EC2"), "SRM-IAM-02");
        var saved = raci.saveControl(row.id(), row.version(), new ControlEdit(com.demarc.project.Status.IN_PROGRESS,
                "", row.data().dueDate(), "started", List.of(a(person("alice")), r(team("Payments")))));
        assertThat(saved.data().status()).isEqualTo(com.demarc.project.Status.IN_PROGRESS);
        assertThat(saved.data().notes()).isEqualTo("started");
        assertThat(raci.raci(row.id()).owned()).isTrue();

        // saving the same values again writes nothing: no new history, same version
        var unchanged = raci.saveControl(row.id(), saved.version(), ControlEdit.of(saved, raci.raci(row.id())));
        assertThat(unchanged.version()).isEqualTo(saved.version());
        assertThat(projects.history(row.id())).filteredOn(e -> e.field().equals("RACI")).hasSize(1);

        // a stale edit of either part is refused
        assertThatThrownBy(() -> raci.saveControl(row.id(), row.version(), new ControlEdit(
                com.demarc.project.Status.IMPLEMENTED, "", null, "", List.of(a(person("alice")), r(team("Payments"))))))
                .isInstanceOf(ConcurrentEditException.class);
    }

    @Test
    @WithUserDetails("manager")
    void awsOwnedRowsNeedNoRaci() {
        var row = fixtures.row(fixtures.project("Payments", "AWS rows", "EC2"), "SRM-AWS-02");
        assertThatThrownBy(() -> raci.setRaci(row.id(), row.version(), List.of(a(person("alice")), r(person("bob")))))
                .isInstanceOf(UserFacingException.class).hasMessageContaining("needs no RACI");
    }

    @Test
    @WithUserDetails("manager")
    void aConcurrentRaciEditIsRefused() {
        var row = fixtures.row(fixtures.project("Payments", "RACI conflict", "EC2"), "SRM-IAM-03");
        raci.setRaci(row.id(), row.version(), List.of(a(person("alice")), r(team("Payments"))));
        assertThatThrownBy(() -> raci.setRaci(row.id(), row.version(), List.of(a(person("manager")), r(team("Payments")))))
                .isInstanceOf(ConcurrentEditException.class).hasMessageContaining("manager").hasMessageContaining("RACI");
        assertThat(raci.raci(row.id()).names(RaciRole.A)).isEqualTo("Alice Anders");
    }

    @Test
    @WithUserDetails("alice")
    void aMemberCannotChangeTheRaciOfAnotherTeamsProject() {
        var row = fixtures.row(fixtures.project("Data Platform", "Not alice's", "S3"), "SRM-IAM-02");
        assertThatThrownBy(() -> raci.setRaci(row.id(), row.version(), List.of(a(person("alice")), r(person("bob")))))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> raci.raci(row.id())).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> raci.bulkAssign(Set.of(row.data().projectId()), Set.of("SRM-IAM-02"), RaciRole.A, person("alice")))
                .isInstanceOf(AccessDeniedException.class);
    }

    @Test
    @WithUserDetails("auditor")
    void auditorsCannotAssign() {
        var row = fixtures.row(fixtures.project("Payments", "Audit RACI", "S3"), "SRM-IAM-02");
        assertThatThrownBy(() -> raci.setRaci(row.id(), row.version(), List.of())).isInstanceOf(AccessDeniedException.class);
        assertThat(raci.raci(row.id()).entries()).isEmpty();
    }

    @Test
    @WithUserDetails("manager")
    void bulkAssignSetsAccountableAcrossProjectsOrChangesNothing() {
        var p1 = fixtures.project("Payments", "Bulk 1", "EC2");
        var p2 = fixtures.project("Payments", "Bulk 2", "EC2", "RDS");
        var codes = Set.of("SRM-IAM-01", "SRM-IAM-02", "SRM-AWS-02");
        var result = raci.bulkAssign(Set.of(p1.id(), p2.id()), codes, RaciRole.A, person("alice"));
        assertThat(result.changed()).isEqualTo(4);
        assertThat(result.skipped()).isEqualTo(2); // SRM-AWS-02 is AWS-owned in both
        assertThat(raci.raci(fixtures.row(p2, "SRM-IAM-01").id()).names(RaciRole.A)).isEqualTo("Alice Anders");

        // alice as R where she is A: a conflict; nothing changes anywhere
        var row = fixtures.row(p1, "SRM-IAM-03");
        raci.setRaci(row.id(), row.version(), List.of(r(person("manager"))));
        assertThatThrownBy(() -> raci.bulkAssign(Set.of(p1.id(), p2.id()), Set.of("SRM-IAM-02", "SRM-IAM-03"), RaciRole.R,
                person("alice"))).isInstanceOfSatisfying(UserFacingException.class, e -> {
            assertThat(e.getMessage()).startsWith("Nothing was changed");
            assertThat(e.problems()).anyMatch(p -> p.contains("SRM-IAM-02") && p.contains("already Accountable"));
        });
        assertThat(raci.raci(row.id()).names(RaciRole.R)).isEqualTo("Morgan Manager");
    }

    @Test
    @WithUserDetails("manager")
    void aTemplateIsAppliedToFiftyProjectsInOneActionOrNotAtAll() {
        var source = fixtures.project("Payments", "Template source", "EC2", "RDS", "S3");
        var ra = List.of(a(person("alice")), r(team("Payments")));
        for (String code : List.of("SRM-IAM-01", "SRM-IAM-02", "SRM-DATA-01", "SRM-PLAT-02", "SRM-NET-01")) {
            var row = fixtures.row(source, code);
            raci.setRaci(row.id(), row.version(), ra);
        }
        var template = raci.saveTemplate(source.id(), "Payments baseline " + source.id().value());
        assertThat(template.entries()).isEqualTo(10);

        List<Project> targets = IntStream.range(0, 50).mapToObj(i -> fixtures.project("Payments", "Fleet " + i,
                i % 2 == 0 ? new String[]{"EC2", "S3"} : new String[]{"LAMBDA", "S3"})).toList();
        Set<ProjectId> ids = targets.stream().map(Project::id).collect(Collectors.toSet());

        var preview = raci.previewTemplate(template.id(), ids);
        // EC2 projects: 5 customer rows each; Lambda projects: guest OS patching is AWS's, so 4
        assertThat(preview.changed()).isEqualTo(25 * 5 + 25 * 4);
        assertThat(preview.skipped()).isEqualTo(25);
        assertThat(countRaci(ids)).isZero();

        var applied = raci.applyTemplate(template.id(), ids);
        assertThat(applied.changed()).isEqualTo(preview.changed());
        assertThat(countRaci(ids)).isEqualTo(2 * applied.changed());
        var sample = fixtures.row(targets.get(7), "SRM-IAM-02");
        assertThat(raci.raci(sample.id()).owned()).isTrue();

        // one archived project among 50 others: nothing at all is changed
        var more = IntStream.range(0, 49).mapToObj(i -> fixtures.project("Payments", "Second fleet " + i, "EC2")).toList();
        var archived = fixtures.project("Payments", "Archived one", "EC2");
        projects.setArchived(archived.id(), archived.version(), true);
        Set<ProjectId> second = new java.util.HashSet<>(more.stream().map(Project::id).toList());
        second.add(archived.id());
        assertThatThrownBy(() -> raci.applyTemplate(template.id(), second))
                .isInstanceOfSatisfying(UserFacingException.class, e -> {
                    assertThat(e.getMessage()).startsWith("Nothing was changed");
                    assertThat(e.problems()).anyMatch(p -> p.contains(archived.name()) && p.contains("archived"));
                });
        assertThat(countRaci(second)).isZero();
    }

    @Test
    @WithUserDetails("manager")
    void copyingAProjectsRaciPreviewsThenApplies() {
        var source = fixtures.project("Payments", "Copy source", "EC2");
        var row = fixtures.row(source, "SRM-IAM-04");
        raci.setRaci(row.id(), row.version(), List.of(a(person("alice")), r(team("Payments"))));
        var target = fixtures.project("Payments", "Copy target", "EC2");
        var preview = raci.previewCopy(source.id(), Set.of(target.id()));
        assertThat(preview.changed()).isEqualTo(1);
        assertThat(preview.lines()).anyMatch(l -> l.contains("SRM-IAM-04: none → ") && l.contains("A: Alice Anders")
                && l.contains("R: Payments (team)"));
        raci.copyRaci(source.id(), Set.of(target.id()));
        assertThat(raci.raci(fixtures.row(target, "SRM-IAM-04").id()).owned()).isTrue();
    }

    @Test
    @WithUserDetails("alice")
    void myResponsibilitiesListWhatIAmResponsibleOrAccountableFor() {
        var count = raci.countMyResponsibilities(true);
        assertThat(count).isPositive(); // the demo data makes alice Accountable on Checkout API
        var page = raci.myResponsibilities(true, "due", true, 0, 50);
        assertThat(page).isNotEmpty().allSatisfy(r -> {
            assertThat(r.roles()).containsAnyOf(RaciRole.R, RaciRole.A);
            assertThat(r.control().data().projectName()).isNotBlank();
        });
        assertThat(page).anyMatch(r -> r.roles().contains(RaciRole.A) && r.roles().contains(RaciRole.R));
    }

    private int countRaci(Set<ProjectId> projects) {
        return jdbc.sql("""
                        select count(*) from raci_assignment a join project_control pc on pc.id = a.project_control_id
                         where pc.project_id = any(:ids)""")
                .param("ids", projects.stream().map(ProjectId::value).toArray(Long[]::new)).query(Integer.class).single();
    }

    @Test
    @WithUserDetails("manager")
    void anAuditorOrAnAdministratorCannotBeAccountableOrResponsibleButMayBeConsulted() {
        var row = fixtures.row(fixtures.project("Payments", "SoD RACI", "S3"), "SRM-IAM-02");
        assertThatThrownBy(() -> raci.setRaci(row.id(), row.version(), List.of(a(person("auditor")), r(team("Payments")))))
                .isInstanceOfSatisfying(UserFacingException.class, e -> assertThat(e.problems())
                        .anyMatch(p -> p.contains("Audrey Auditor cannot be Accountable") && p.contains("Consulted or Informed")));
        assertThatThrownBy(() -> raci.setRaci(row.id(), row.version(), List.of(a(person("alice")), r(person("admin")))))
                .isInstanceOfSatisfying(UserFacingException.class, e -> assertThat(e.problems())
                        .anyMatch(p -> p.contains("Ada Admin cannot be Responsible")));
        assertThat(raci.raci(row.id()).entries()).isEmpty();
        raci.setRaci(row.id(), row.version(), List.of(a(person("alice")), r(team("Payments")),
                new RaciEntry(RaciRole.C, person("auditor")), new RaciEntry(RaciRole.I, person("admin"))));
        assertThat(raci.raci(row.id()).names(RaciRole.C)).isEqualTo("Audrey Auditor");
    }

    @Test
    @WithUserDetails("alice")
    void aTeamMemberCannotBulkAssignAnAdministratorAsAccountable() {
        var project = fixtures.project("Payments", "SoD bulk", "EC2");
        var row = fixtures.row(project, "SRM-IAM-02");
        assertThatThrownBy(() -> raci.bulkAssign(Set.of(project.id()), Set.of("SRM-IAM-01", "SRM-IAM-02"), RaciRole.A,
                person("admin"))).isInstanceOf(UserFacingException.class)
                .hasMessageContaining("Nothing was changed").hasMessageContaining("Ada Admin cannot be Accountable");
        assertThatThrownBy(() -> raci.bulkAssign(Set.of(project.id()), Set.of("SRM-IAM-02"), RaciRole.R,
                person("auditor"))).isInstanceOf(UserFacingException.class).hasMessageContaining("cannot be Responsible");
        assertThat(raci.raci(row.id()).entries()).isEmpty();
    }

    @Test
    @WithUserDetails("manager")
    void aTemplateOrCopyNamingSomeoneWhoCanNoLongerActIsRefusedWhole() {
        String name = "sod-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        var ref = new java.util.concurrent.atomic.AtomicReference<com.demarc.organization.UserAccount>();
        com.demarc.shared.Actors.runAsSystem(Set.of(com.demarc.shared.Role.ADMIN), () -> ref.set(organization.createUser(
                new com.demarc.organization.UserDraft(name, "Sam Soon-Auditor", name + "@example.com", true,
                        Set.of(com.demarc.shared.Role.MEMBER), Set.of(fixtures.team("Payments"))), "river stone lantern 42")));
        var source = fixtures.project("Payments", "SoD source", "EC2");
        var row = fixtures.row(source, "SRM-IAM-02");
        var sam = Assignee.person(ref.get().id(), "Sam Soon-Auditor");
        raci.setRaci(row.id(), row.version(), List.of(a(sam), r(team("Payments"))));
        var template = raci.saveTemplate(source.id(), "SoD " + name);
        // Sam becomes an auditor: the template and the copy may no longer make Sam Accountable anywhere
        com.demarc.shared.Actors.runAsSystem(Set.of(com.demarc.shared.Role.ADMIN), () -> {
            var u = organization.findUsers(name, 0, 1).getFirst();
            organization.updateUser(u.id(), u.version(), new com.demarc.organization.UserDraft(u.username(),
                    u.displayName(), u.email(), true, Set.of(com.demarc.shared.Role.AUDITOR), Set.of(fixtures.team("Payments"))));
        });
        var target = fixtures.project("Payments", "SoD target", "EC2");
        assertThatThrownBy(() -> raci.applyTemplate(template.id(), Set.of(target.id())))
                .isInstanceOfSatisfying(UserFacingException.class, e -> assertThat(e.problems())
                        .anyMatch(p -> p.startsWith("SRM-IAM-02") && p.contains("Sam Soon-Auditor cannot be Accountable")));
        assertThatThrownBy(() -> raci.copyRaci(source.id(), Set.of(target.id())))
                .isInstanceOf(UserFacingException.class).hasMessageContaining("Nothing was changed");
        assertThat(raci.raci(fixtures.row(target, "SRM-IAM-02").id()).entries()).isEmpty();
    }

    @Test
    @WithUserDetails("alice")
    void thePickersOfferOnlyPeopleWhoCanActOnAControlForROrA() {
        var owners = organization.owners().stream().map(com.demarc.organization.UserRef::username).toList();
        assertThat(owners).contains("alice", "bob", "manager").doesNotContain("admin", "auditor");
        assertThat(organization.people().stream().map(com.demarc.organization.UserRef::username).toList())
                .contains("admin", "auditor");
    }

    // --- issue 19

    @Test
    @WithUserDetails("manager")
    void bulkAssignSetsAccountableAndResponsibleInOnePass() {
        var p = fixtures.project("Payments", "Bulk both", "EC2");
        var result = raci.bulkAssign(Set.of(p.id()), Set.of("SRM-IAM-01", "SRM-IAM-02"), person("alice"), team("Payments"));
        assertThat(result.changed()).isEqualTo(2);
        assertThat(raci.raci(fixtures.row(p, "SRM-IAM-01").id()).owned()).isTrue();
        // the Accountable replaced in this pass may become Responsible in the same pass
        var moved = raci.bulkAssign(Set.of(p.id()), Set.of("SRM-IAM-01"), person("manager"), person("alice"));
        assertThat(moved.changed()).isEqualTo(1);
        var row = raci.raci(fixtures.row(p, "SRM-IAM-01").id());
        assertThat(row.names(RaciRole.A)).isEqualTo("Morgan Manager");
        assertThat(row.names(RaciRole.R)).contains("Alice Anders").contains("Payments (team)");
        assertThatThrownBy(() -> raci.bulkAssign(Set.of(p.id()), Set.of("SRM-IAM-02"), person("alice"), person("alice")))
                .isInstanceOf(UserFacingException.class).hasMessageContaining("both Accountable and Responsible");
    }

    @Test
    @WithUserDetails("manager")
    void onlyTheProjectsTeamAndManagersMayBeResponsibleOrAccountableAnyoneConsultedOrInformed() {
        var row = fixtures.row(fixtures.project("Payments", "Outsider", "EC2"), "SRM-IAM-02");
        assertThatThrownBy(() -> raci.setRaci(row.id(), row.version(), List.of(a(person("bob")), r(team("Payments")))))
                .isInstanceOfSatisfying(UserFacingException.class, e -> assertThat(e.problems())
                        .anyMatch(m -> m.contains("Bob Brenner cannot be Accountable") && m.contains("project's team")));
        assertThatThrownBy(() -> raci.setRaci(row.id(), row.version(), List.of(a(person("alice")), r(team("Data Platform")))))
                .isInstanceOfSatisfying(UserFacingException.class, e -> assertThat(e.problems())
                        .anyMatch(m -> m.contains("Data Platform (team) cannot be Responsible")));
        assertThatThrownBy(() -> raci.bulkAssign(Set.of(row.data().projectId()), Set.of("SRM-IAM-02"), RaciRole.R, person("bob")))
                .isInstanceOf(UserFacingException.class).hasMessageStartingWith("Nothing was changed");
        raci.setRaci(row.id(), row.version(), List.of(a(person("manager")), r(person("alice")),
                new RaciEntry(RaciRole.C, person("bob")), new RaciEntry(RaciRole.I, team("Data Platform"))));
        assertThat(raci.raci(row.id()).names(RaciRole.C)).isEqualTo("Bob Brenner");
        assertThat(organization.ownersFor(List.of(fixtures.team("Payments"))))
                .extracting(com.demarc.organization.UserRef::username).contains("alice", "manager").doesNotContain("bob");
    }

    @Test
    @WithUserDetails("manager")
    void aTemplateNamesTheProjectsTeamAsARoleAndWarnsOfUnownedControls() {
        var source = fixtures.project("Payments", "Travel source", "EC2");
        for (String code : List.of("SRM-IAM-01", "SRM-IAM-02")) {
            var row = fixtures.row(source, code);
            raci.setRaci(row.id(), row.version(), List.of(a(person("manager")), r(team("Payments"))));
        }
        var template = raci.saveTemplate(source.id(), "Travels " + source.id().value());
        var target = fixtures.project("Data Platform", "Travel target", "EC2");
        var preview = raci.previewTemplate(template.id(), Set.of(target.id()));
        assertThat(preview.changed()).isEqualTo(2);
        int needing = (int) projects.controls(new ControlQuery(target.id(), null, null, null, null, null), 0, 500).stream()
                .filter(ProjectControl::needsRaci).count();
        assertThat(preview.unownedCount()).isEqualTo(needing - 2);
        assertThat(preview.unowned()).anyMatch(l -> l.contains("SRM-IAM-03") && l.contains("No Accountable person"));
        raci.applyTemplate(template.id(), Set.of(target.id()));
        var applied = raci.raci(fixtures.row(target, "SRM-IAM-02").id());
        assertThat(applied.names(RaciRole.R)).isEqualTo("Data Platform (team)");
        assertThat(applied.names(RaciRole.A)).isEqualTo("Morgan Manager");
    }

    @Test
    @WithUserDetails("manager")
    void myResponsibilitiesPageThroughEveryRowOnce() {
        // two projects of one name (in two teams) and equal dates: ties that used to fall in any order from page to page
        var one = fixtures.project("Data Platform", "Twin", "EC2");
        var two = fixtures.project("Payments", "Twin", "EC2");
        String name = "Twin " + one.id().value();
        jdbc.sql("update project set name = :n where id in (:a, :b)").param("n", name).param("a", one.id().value())
                .param("b", two.id().value()).update();
        var manager = users.findForLogin("manager").orElseThrow();
        for (var p : List.of(one, two)) {
            for (String code : List.of("SRM-IAM-01", "SRM-IAM-02", "SRM-IAM-03", "SRM-IAM-04")) {
                jdbc.sql("insert into raci_assignment (project_control_id, role, user_id) values (:pc, 'I', :u)")
                        .param("pc", fixtures.row(p, code).id().value()).param("u", manager.id().value()).update();
            }
        }
        int count = raci.countMyResponsibilities(false);
        var seen = new java.util.ArrayList<Long>();
        for (int offset = 0; offset < count + 3; offset += 3) {
            raci.myResponsibilities(false, "code", true, offset, 3).forEach(r -> seen.add(r.control().id().value()));
        }
        assertThat(seen).doesNotHaveDuplicates().hasSize(count);
        assertThat(seen).contains(fixtures.row(two, "SRM-IAM-03").id().value(), fixtures.row(one, "SRM-IAM-03").id().value());
    }

    @Test
    @WithUserDetails("bob")
    void myResponsibilitiesListOnlyWhatIMayOpenAndCountTheRestApart() {
        var bob = users.findForLogin("bob").orElseThrow();
        var mine = fixtures.project("Data Platform", "Bob inside", "EC2");
        var outside = fixtures.project("Payments", "Bob outside", "EC2");
        for (var p : List.of(mine, outside)) {
            for (String code : List.of("SRM-IAM-01", "SRM-IAM-02", "SRM-IAM-03", "SRM-IAM-04")) {
                // straight into the table: letters given before the rule (the pickers offered everyone)
                jdbc.sql("insert into raci_assignment (project_control_id, role, user_id) values (:pc, 'A', :u)")
                        .param("pc", fixtures.row(p, code).id().value()).param("u", bob.id().value()).update();
            }
        }
        int count = raci.countMyResponsibilities(true);
        var rows = raci.myResponsibilities(true, "due", true, 0, 10_000);
        assertThat(rows).hasSize(count);
        assertThat(rows).extracting(r -> r.control().data().projectId()).doesNotContain(outside.id()).contains(mine.id());
        // the page's one counting query: the lists' counts, and the four letters outside counted apart
        var counts = raci.myResponsibilityCounts();
        assertThat(counts.responsibleOrAccountable()).isEqualTo(count);
        assertThat(counts.consultedOrInformed()).isEqualTo(raci.countMyResponsibilities(false));
        assertThat(counts.elsewhere()).isGreaterThanOrEqualTo(4);
        // the bulk RACI read leaves out what bob may not open, and gives the same letters as one at a time
        var inside = fixtures.row(mine, "SRM-IAM-01").id();
        var racis = raci.racis(List.of(fixtures.row(outside, "SRM-IAM-01").id(), inside));
        assertThat(racis.keySet()).containsExactly(inside);
        assertThat(racis.get(inside)).isEqualTo(raci.raci(inside));
        // every listed row opens
        rows.forEach(r -> assertThat(projects.control(r.control().id()).id()).isEqualTo(r.control().id()));
    }
}
