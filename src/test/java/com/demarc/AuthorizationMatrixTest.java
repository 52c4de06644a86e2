package com.demarc;

import com.demarc.organization.TeamId;
import com.demarc.project.Project;
import com.demarc.project.ProjectControl;
import com.demarc.project.ProjectService;
import com.demarc.project.Status;
import com.demarc.raci.RaciRole;
import com.demarc.raci.RaciService;
import com.demarc.evidence.EvidenceService;
import com.demarc.evidence.AuditPackageService;
import com.demarc.shared.Actors;
import com.demarc.shared.DemarcUser;
import com.demarc.shared.Role;
import com.demarc.support.DemarcTest;
import com.demarc.support.Fixtures;
import com.demarc.support.TestFiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.stereotype.Service;

import java.io.ByteArrayInputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static com.demarc.shared.Role.ADMIN;
import static com.demarc.shared.Role.AUDITOR;
import static com.demarc.shared.Role.MANAGER;
import static com.demarc.shared.Role.MEMBER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Every public operation of every service × every role: who passes the permission check. A new operation without a
 * row fails the build. A second table covers project scope: a member's own team vs another team, per role.
 */
@DemarcTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public class AuthorizationMatrixTest {
    static final Set<Role> ALL = EnumSet.allOf(Role.class);
    static final Set<Role> NONE_BUT_SYSTEM = EnumSet.allOf(Role.class); // unchecked: sign-in, scope helpers, audit appends

    /** Class.method → the roles that pass its permission check. */
    static final Map<String, Set<Role>> PERMISSIONS = new TreeMap<>(Map.ofEntries(
            // organization
            Map.entry("OrganizationService.findUsers", Set.of(ADMIN)),
            Map.entry("OrganizationService.countUsers", Set.of(ADMIN)),
            Map.entry("OrganizationService.createUser", Set.of(ADMIN)),
            Map.entry("OrganizationService.updateUser", Set.of(ADMIN)),
            Map.entry("OrganizationService.resetPassword", Set.of(ADMIN)),
            Map.entry("OrganizationService.setAuditorAccess", Set.of(ADMIN)),
            Map.entry("OrganizationService.accessUntil", Set.of(ADMIN)),
            Map.entry("OrganizationService.auditorScope", Set.of(ADMIN)),
            Map.entry("OrganizationService.changeOwnPassword", ALL),
            Map.entry("Appearance.darkMode", ALL),
            Map.entry("Appearance.setDarkMode", ALL),
            Map.entry("OrganizationService.myAccount", ALL),
            Map.entry("OrganizationService.people", ALL),
            Map.entry("OrganizationService.owners", ALL),
            Map.entry("OrganizationService.ownersFor", ALL),
            Map.entry("OrganizationService.teamDirectory", ALL),
            Map.entry("OrganizationService.findTeams", Set.of(ADMIN, MANAGER)),
            Map.entry("OrganizationService.enabledUsers", Set.of(ADMIN)),
            Map.entry("OrganizationService.createTeam", Set.of(ADMIN)),
            Map.entry("OrganizationService.updateTeam", Set.of(ADMIN)),
            Map.entry("UserDirectory.findForLogin", NONE_BUT_SYSTEM),
            Map.entry("UserDirectory.teamsOf", NONE_BUT_SYSTEM),
            Map.entry("UserDirectory.auditorScope", NONE_BUT_SYSTEM),
            Map.entry("UserDirectory.ineligibleOwners", NONE_BUT_SYSTEM),
            Map.entry("UserDirectory.outsideTeam", NONE_BUT_SYSTEM),
            Map.entry("UserDirectory.enabledMembersOf", NONE_BUT_SYSTEM),
            Map.entry("UserDirectory.enabledWithRole", NONE_BUT_SYSTEM),
            Map.entry("UserDirectory.idOf", NONE_BUT_SYSTEM),
            // notification: the signed-in user's own inbox, scoped to them by the query
            Map.entry("NotificationService.mine", ALL),
            Map.entry("NotificationService.countMine", ALL),
            Map.entry("NotificationService.unreadCount", ALL),
            Map.entry("NotificationService.markRead", ALL),
            Map.entry("NotificationService.markAllRead", ALL),
            // notification delivery (issue 15): own preferences; admins see the outbox and manage team webhooks;
            // reminders read due dates and expiring evidence through the owners' scoped services
            Map.entry("UserDirectory.contacts", NONE_BUT_SYSTEM),
            Map.entry("NotificationPreferences.mine", ALL),
            Map.entry("NotificationPreferences.saveMine", ALL),
            Map.entry("NotificationDeliveries.status", Set.of(ADMIN)),
            Map.entry("NotificationDeliveries.failures", Set.of(ADMIN)),
            Map.entry("NotificationDeliveries.retry", Set.of(ADMIN)),
            // team chat webhooks: admins and compliance managers (both see every team; the server fetches the URL)
            Map.entry("TeamWebhooks.set", Set.of(ADMIN, MANAGER)),
            Map.entry("TeamWebhooks.remove", Set.of(ADMIN, MANAGER)),
            Map.entry("TeamWebhooks.url", Set.of(ADMIN, MANAGER)),
            Map.entry("TeamWebhooks.list", Set.of(ADMIN, MANAGER)),
            Map.entry("TeamWebhooks.setEnabled", Set.of(ADMIN, MANAGER)),
            Map.entry("TeamWebhooks.sendTest", Set.of(ADMIN, MANAGER)),
            // one-click unsubscribe (RFC 8058): no session; the signed, expiring token in the link is the authority
            Map.entry("NotificationUnsubscribe.describe", ALL),
            Map.entry("NotificationUnsubscribe.unsubscribe", ALL),
            Map.entry("ProjectService.openDueBy", ALL),
            Map.entry("EvidenceService.expiringBy", Set.of(MANAGER, MEMBER, AUDITOR)),
            Map.entry("SecurityVersions.bump", NONE_BUT_SYSTEM),
            // company sign-in (OIDC): runs before anyone is signed in, on claims the provider signed
            Map.entry("ExternalSignIn.signIn", NONE_BUT_SYSTEM),
            Map.entry("AccountSignIn.isBreakGlass", NONE_BUT_SYSTEM),
            Map.entry("AccountSignIn.facts", Set.of(ADMIN)),
            Map.entry("SecurityVersions.state", NONE_BUT_SYSTEM),
            Map.entry("AccountDetailsService.loadUserByUsername", NONE_BUT_SYSTEM),
            Map.entry("SessionControl.endSessions", NONE_BUT_SYSTEM),
            Map.entry("SessionControl.liveSessions", NONE_BUT_SYSTEM),
            Map.entry("SessionControl.sessions", Set.of(ADMIN)),
            Map.entry("SessionControl.endSession", Set.of(ADMIN)),
            // second factor (TOTP)
            Map.entry("MfaService.beginEnrolment", ALL),
            Map.entry("MfaService.confirmEnrolment", ALL),
            Map.entry("MfaService.regenerateRecoveryCodes", ALL),
            Map.entry("MfaService.myStatus", ALL),
            Map.entry("MfaService.statusOf", Set.of(ADMIN)),
            Map.entry("MfaService.reset", Set.of(ADMIN)),
            Map.entry("MfaService.verify", NONE_BUT_SYSTEM),
            // two-step sign-in (issue 14): the pending sign-in is not authenticated; the person comes from the
            // server-held pending state (SecondFactorSignIn), never from input; the admin's page reads MFA states
            Map.entry("MfaService.check", NONE_BUT_SYSTEM),
            Map.entry("MfaService.beginEnrolmentAtSignIn", NONE_BUT_SYSTEM),
            Map.entry("MfaService.confirmEnrolmentAtSignIn", NONE_BUT_SYSTEM),
            Map.entry("MfaService.statusesOf", Set.of(ADMIN)),
            Map.entry("MfaService.myDeadline", ALL),
            Map.entry("SecondFactorSignIn.pending", NONE_BUT_SYSTEM),
            Map.entry("SecondFactorSignIn.verify", NONE_BUT_SYSTEM),
            Map.entry("SecondFactorSignIn.beginEnrolment", NONE_BUT_SYSTEM),
            Map.entry("SecondFactorSignIn.confirmEnrolment", NONE_BUT_SYSTEM),
            Map.entry("SecondFactorSignIn.cancel", NONE_BUT_SYSTEM),
            Map.entry("AccountSignIn.recordSignIn", NONE_BUT_SYSTEM),
            // SCIM provisioning: tokens are an admin's; the SCIM operations pass only for a SCIM bearer token
            Map.entry("ScimTokenService.createToken", Set.of(ADMIN)),
            Map.entry("ScimTokenService.tokens", Set.of(ADMIN)),
            Map.entry("ScimTokenService.revokeToken", Set.of(ADMIN)),
            Map.entry("ScimProvisioning.createUser", Set.of()),
            Map.entry("ScimProvisioning.getUser", Set.of()),
            Map.entry("ScimProvisioning.listUsers", Set.of()),
            Map.entry("ScimProvisioning.replaceUser", Set.of()),
            Map.entry("ScimProvisioning.patchUser", Set.of()),
            Map.entry("ScimProvisioning.deleteUser", Set.of()),
            Map.entry("ScimProvisioning.createGroup", Set.of()),
            Map.entry("ScimProvisioning.getGroup", Set.of()),
            Map.entry("ScimProvisioning.listGroups", Set.of()),
            Map.entry("ScimProvisioning.replaceGroup", Set.of()),
            Map.entry("ScimProvisioning.patchGroup", Set.of()),
            Map.entry("ScimProvisioning.deleteGroup", Set.of()),
            // catalog
            Map.entry("CatalogService.models", ALL),
            Map.entry("CatalogService.latestModel", ALL),
            Map.entry("CatalogService.domains", ALL),
            Map.entry("CatalogService.findControls", ALL),
            Map.entry("CatalogService.countControls", ALL),
            Map.entry("CatalogService.control", ALL),
            Map.entry("CatalogService.controlsFor", ALL),
            Map.entry("CatalogService.summary", ALL),
            Map.entry("CatalogService.seedItems", ALL),
            Map.entry("CatalogService.services", ALL),
            Map.entry("CatalogService.diff", ALL),
            Map.entry("CatalogService.exportYaml", ALL),
            Map.entry("CatalogService.exportCsv", ALL),
            Map.entry("CatalogService.addService", Set.of(MANAGER)),
            Map.entry("CatalogService.updateService", Set.of(MANAGER)),
            Map.entry("CatalogService.createOrganisationControl", Set.of(MANAGER)),
            Map.entry("CatalogService.updateOrganisationControl", Set.of(MANAGER)),
            Map.entry("CatalogService.importYaml", Set.of(MANAGER)),
            Map.entry("CatalogService.importCsv", Set.of(MANAGER)),
            // project
            Map.entry("ProjectService.findProjects", ALL),
            Map.entry("ProjectService.countProjects", ALL),
            Map.entry("ProjectService.project", ALL),
            Map.entry("ProjectService.canEdit", ALL),
            Map.entry("ProjectService.editableTeams", ALL),
            Map.entry("ProjectService.visibleTeams", ALL),
            Map.entry("ProjectService.archivedAmong", ALL),
            Map.entry("ProjectService.previewServices", ALL),
            Map.entry("ProjectService.previewUpgrade", ALL),
            Map.entry("ProjectService.controls", ALL),
            Map.entry("ProjectService.countControls", ALL),
            Map.entry("ProjectService.control", ALL),
            Map.entry("ProjectService.controlsByIds", ALL),
            Map.entry("ProjectService.history", ALL),
            Map.entry("ProjectService.recordRaciChange", ALL),
            Map.entry("ProjectService.recordRaciChanges", ALL),
            Map.entry("ProjectService.today", NONE_BUT_SYSTEM),
            Map.entry("ProjectService.create", Set.of(MANAGER, MEMBER)),
            Map.entry("ProjectService.update", Set.of(MANAGER, MEMBER)),
            Map.entry("ProjectService.setArchived", Set.of(MANAGER, MEMBER)),
            Map.entry("ProjectService.upgrade", Set.of(MANAGER, MEMBER)),
            Map.entry("ProjectService.setStatus", Set.of(MANAGER, MEMBER)),
            Map.entry("ProjectService.controlsForEdit", Set.of(MANAGER, MEMBER)),
            // raci
            Map.entry("RaciService.raci", ALL),
            Map.entry("RaciService.racis", ALL),
            Map.entry("RaciService.matrix", ALL),
            Map.entry("RaciService.countMatrix", ALL),
            Map.entry("RaciService.templates", ALL),
            Map.entry("RaciService.myResponsibilities", ALL),
            Map.entry("RaciService.countMyResponsibilities", ALL),
            Map.entry("RaciService.myResponsibilityCounts", ALL),
            Map.entry("RaciService.setRaci", Set.of(MANAGER, MEMBER)),
            Map.entry("RaciService.saveControl", Set.of(MANAGER, MEMBER)),
            Map.entry("RaciService.bulkAssign", Set.of(MANAGER, MEMBER)),
            Map.entry("RaciService.saveTemplate", Set.of(MANAGER, MEMBER)),
            Map.entry("RaciService.previewTemplate", Set.of(MANAGER, MEMBER)),
            Map.entry("RaciService.applyTemplate", Set.of(MANAGER, MEMBER)),
            Map.entry("RaciService.previewCopy", Set.of(MANAGER, MEMBER)),
            Map.entry("RaciService.copyRaci", Set.of(MANAGER, MEMBER)),
            // evidence
            Map.entry("EvidenceService.maxFileSize", NONE_BUT_SYSTEM),
            Map.entry("EvidenceService.states", ALL),
            Map.entry("EvidenceService.items", Set.of(MANAGER, MEMBER, AUDITOR)),
            Map.entry("EvidenceService.attestations", Set.of(MANAGER, MEMBER, AUDITOR)),
            Map.entry("EvidenceService.verify", Set.of(MANAGER, MEMBER, AUDITOR)),
            Map.entry("EvidenceService.download", Set.of(MANAGER, MEMBER, AUDITOR)),
            // evidence stores (issue 17): operator commands --verify-evidence (audit readers) and --migrate-evidence
            Map.entry("EvidenceStorage.verifyAll", Set.of(ADMIN, AUDITOR)),
            Map.entry("EvidenceStorage.migrate", Set.of(ADMIN)),
            Map.entry("EvidenceStorage.sweep", Set.of(ADMIN)),
            Map.entry("EvidenceService.upload", Set.of(MANAGER, MEMBER)),
            Map.entry("EvidenceService.addLink", Set.of(MANAGER, MEMBER)),
            Map.entry("EvidenceService.setValidity", Set.of(MANAGER, MEMBER)),
            Map.entry("EvidenceService.delete", Set.of(MANAGER, MEMBER)),
            Map.entry("EvidenceService.review", Set.of(MANAGER)),
            Map.entry("EvidenceService.reviewQueue", Set.of(MANAGER)),
            Map.entry("EvidenceService.countReviewQueue", Set.of(MANAGER)),
            // issue 19: the reviewer's text preview; the uploader's rejected evidence on their start page
            Map.entry("EvidenceService.previewText", Set.of(MANAGER)),
            Map.entry("EvidenceService.myRejected", Set.of(MANAGER, MEMBER)),
            Map.entry("AttestationService.attestations", Set.of(MANAGER, MEMBER, AUDITOR)),
            Map.entry("AttestationService.maxFileSize", NONE_BUT_SYSTEM),
            Map.entry("AttestationService.download", Set.of(MANAGER, MEMBER, AUDITOR)),
            Map.entry("AttestationService.create", Set.of(MANAGER)),
            Map.entry("AttestationService.link", Set.of(MANAGER)),
            Map.entry("AuditPackageService.fileName", Set.of(MANAGER, AUDITOR)),
            Map.entry("AuditPackageService.write", Set.of(MANAGER, AUDITOR)),
            Map.entry("AuditPackageService.verify", Set.of(MANAGER, AUDITOR)),
            Map.entry("AuditPackageService.maxPackageSize", NONE_BUT_SYSTEM),
            // coverage
            Map.entry("CoverageService.dashboard", ALL),
            Map.entry("CoverageService.gaps", ALL),
            Map.entry("CoverageService.countGaps", ALL),
            Map.entry("CoverageService.trend", ALL),
            Map.entry("CoverageService.snapshotNow", Set.of(ADMIN, MANAGER)),
            Map.entry("CoverageService.refreshAndSnapshot", NONE_BUT_SYSTEM),
            // oscal: catalog documents for everyone who reads the catalog, SSPs for evidence readers in scope
            Map.entry("OscalService.exportCatalog", ALL),
            Map.entry("OscalService.exportSsp", Set.of(MANAGER, MEMBER, AUDITOR)),
            Map.entry("OscalService.importDocument", Set.of(MANAGER)),
            // the scale-data command (java -jar … --generate-scale): run by an operator at the shell, no user, no UI
            Map.entry("ScaleDataGenerator.generate", NONE_BUT_SYSTEM),
            Map.entry("ScaleDataGenerator.projectsPresent", NONE_BUT_SYSTEM),
            Map.entry("AuditLog.lockHeadForBulkAppend", NONE_BUT_SYSTEM),
            Map.entry("CoverageService.staleToday", NONE_BUT_SYSTEM),
            // api: tokens (everyone their own) and team service accounts (admins, managers)
            Map.entry("ApiTokenService.defaultExpiry", ALL),
            Map.entry("ApiTokenService.createPersonalToken", ALL),
            Map.entry("ApiTokenService.myTokens", ALL),
            Map.entry("ApiTokenService.revokeMyToken", ALL),
            Map.entry("ApiTokenService.teams", Set.of(ADMIN, MANAGER)),
            Map.entry("ApiTokenService.createServiceAccount", Set.of(ADMIN, MANAGER)),
            Map.entry("ApiTokenService.serviceAccountTokens", Set.of(ADMIN, MANAGER)),
            Map.entry("ApiTokenService.revokeServiceAccount", Set.of(ADMIN, MANAGER)),
            Map.entry("ServiceAccounts.create", Set.of(ADMIN, MANAGER)),
            Map.entry("ServiceAccounts.disable", Set.of(ADMIN, MANAGER)),
            Map.entry("ServiceAccounts.isServiceAccount", NONE_BUT_SYSTEM),
            Map.entry("CoverageService.projectCoverage", ALL),
            // automation (issue 18): imports like evidence uploads, reads like evidence, suppressions are a review
            // decision (managers), the check mapping is catalog data
            Map.entry("AutomationService.importResults", Set.of(MANAGER, MEMBER)),
            Map.entry("AutomationService.checksOf", Set.of(MANAGER, MEMBER, AUDITOR)),
            Map.entry("AutomationService.results", Set.of(MANAGER, MEMBER, AUDITOR)),
            Map.entry("AutomationService.imports", Set.of(MANAGER, MEMBER, AUDITOR)),
            Map.entry("AutomationService.importOf", Set.of(MANAGER, MEMBER, AUDITOR)),
            Map.entry("AutomationService.rawResults", Set.of(MANAGER, MEMBER, AUDITOR)),
            Map.entry("AutomationService.suppressions", Set.of(MANAGER, MEMBER, AUDITOR)),
            Map.entry("AutomationService.suppress", Set.of(MANAGER)),
            Map.entry("AutomationService.endSuppression", Set.of(MANAGER)),
            Map.entry("CheckMappingService.ensureShippedMapping", NONE_BUT_SYSTEM),
            Map.entry("CheckMappingService.mapping", ALL),
            Map.entry("CheckMappingService.checksFor", ALL),
            Map.entry("CheckMappingService.exportCsv", ALL),
            Map.entry("CheckMappingService.setControls", Set.of(MANAGER)),
            Map.entry("CoverageService.failingChecks", ALL),
            Map.entry("CoverageService.countFailingChecks", ALL),
            Map.entry("CoverageService.automatedShare", ALL),
            Map.entry("CoverageService.checkTrend", ALL),
            // services proposed from AWS Config resource counts: a change of the project's services (project editors)
            Map.entry("ServiceProposalService.proposeServices", Set.of(MANAGER, MEMBER)),
            Map.entry("ServiceProposalService.acceptServices", Set.of(MANAGER, MEMBER)),
            // audit
            Map.entry("AuditLog.record", NONE_BUT_SYSTEM),
            Map.entry("AuditLog.recordIndependently", NONE_BUT_SYSTEM),
            Map.entry("AuditLog.find", Set.of(ADMIN, AUDITOR)),
            Map.entry("AuditLog.recordedAfter", Set.of(ADMIN, MANAGER, AUDITOR)), // audit package verification reads upload hashes
            Map.entry("AuditLog.count", Set.of(ADMIN, AUDITOR)),
            Map.entry("AuditLog.verify", Set.of(ADMIN, AUDITOR)),
            Map.entry("AuditLog.verifyReceipt", Set.of(ADMIN, AUDITOR)),
            Map.entry("AuditLog.receipt", Set.of(ADMIN, AUDITOR)),
            Map.entry("AuditLog.protectionWarning", Set.of(ADMIN, AUDITOR)),
            Map.entry("AuditLog.checkpointHead", NONE_BUT_SYSTEM))); // the hourly job: signs the real head, changes nothing

    /**
     * REST API v1: every endpoint × the roles whose token passes on their own team's project, and whether a member's
     * token is refused on another team's (scoped). {@link com.demarc.api.ApiHttpTest} runs every row over HTTP with
     * real tokens; {@link #everyApiEndpointHasARow} fails on an endpoint without a row. Path ids: {project}, {control},
     * {version} (an evidence file version), {team}.
     */
    public record Endpoint(String method, String path, Set<Role> roles, boolean scoped) {
    }

    public static final List<Endpoint> ENDPOINTS = List.of(
            new Endpoint("GET", "/api/v1/projects", ALL, false),
            new Endpoint("GET", "/api/v1/projects/{projectId}", ALL, true),
            new Endpoint("GET", "/api/v1/projects/{projectId}/controls", ALL, true),
            new Endpoint("GET", "/api/v1/controls/{controlId}", ALL, true),
            new Endpoint("PUT", "/api/v1/controls/{controlId}/status", Set.of(MANAGER, MEMBER), true),
            new Endpoint("GET", "/api/v1/controls/{controlId}/evidence", Set.of(MANAGER, MEMBER, AUDITOR), true),
            new Endpoint("POST", "/api/v1/controls/{controlId}/evidence/files", Set.of(MANAGER, MEMBER), true),
            new Endpoint("POST", "/api/v1/controls/{controlId}/evidence/links", Set.of(MANAGER, MEMBER), true),
            new Endpoint("GET", "/api/v1/evidence/versions/{versionId}/content", Set.of(MANAGER, MEMBER, AUDITOR), true),
            new Endpoint("GET", "/api/v1/projects/{projectId}/coverage", ALL, true),
            new Endpoint("GET", "/api/v1/coverage/teams", ALL, false),
            new Endpoint("GET", "/api/v1/teams/{teamId}/coverage", ALL, true),
            new Endpoint("POST", "/api/v1/projects/{projectId}/findings", Set.of(MANAGER, MEMBER), true),
            new Endpoint("POST", "/api/v1/findings", Set.of(MANAGER, MEMBER), false));

    @Test
    void everyApiEndpointHasARow() {
        var mapping = context.getBean("requestMappingHandlerMapping",
                org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping.class);
        var found = new TreeSet<String>();
        mapping.getHandlerMethods().forEach((info, handler) -> {
            for (String path : info.getPatternValues()) {
                if (path.startsWith("/api/v1/")) {
                    info.getMethodsCondition().getMethods().forEach(m -> found.add(m.name() + " " + path));
                }
            }
        });
        var rows = new TreeSet<String>();
        ENDPOINTS.forEach(e -> rows.add(e.method() + " " + e.path()));
        assertThat(rows).as("ENDPOINTS rows vs the /api/v1 endpoints").isEqualTo(found);
    }

    static final Map<Role, String> USERS = Map.of(ADMIN, "admin", MANAGER, "manager", MEMBER, "alice", AUDITOR, "auditor");
    public static final Map<Role, String> USERS_BY_ROLE = USERS;

    @Autowired
    ApplicationContext context;
    @Autowired
    UserDetailsService userDetails;
    @Autowired
    Fixtures fixtures;
    @Autowired
    ProjectService projects;
    @Autowired
    RaciService raci;
    @Autowired
    EvidenceService evidence;
    @Autowired
    AuditPackageService packages;
    @Autowired
    com.demarc.oscal.OscalService oscal;
    @Autowired
    com.demarc.coverage.CoverageService coverage;
    @Autowired
    com.demarc.automation.AutomationService automation;
    @Autowired
    com.demarc.automation.ServiceProposalService proposals;

    Map<String, Method> operations;
    Project own;
    Project other;
    ProjectControl ownRow;
    ProjectControl otherRow;

    @BeforeAll
    void discover() {
        operations = new TreeMap<>();
        for (Object bean : context.getBeansWithAnnotation(Service.class).values()) {
            Class<?> type = AopUtils.getTargetClass(bean);
            if (!type.getPackageName().startsWith("com.demarc")) {
                continue;
            }
            for (Method m : type.getDeclaredMethods()) {
                if (Modifier.isPublic(m.getModifiers()) && !Modifier.isStatic(m.getModifiers()) && !m.isSynthetic()) {
                    operations.put(type.getSimpleName() + "." + m.getName(), m);
                }
            }
        }
        own = fixtures.project("Payments", "Matrix own", "EC2");
        other = fixtures.project("Data Platform", "Matrix other", "EC2");
        ownRow = fixtures.row(own, "SRM-IAM-02");
        otherRow = fixtures.row(other, "SRM-IAM-02");
    }

    @Test
    void everyServiceOperationHasARowAndEveryRowAnOperation() {
        var missing = new TreeSet<>(operations.keySet());
        missing.removeAll(PERMISSIONS.keySet());
        var stale = new TreeSet<>(PERMISSIONS.keySet());
        stale.removeAll(operations.keySet());
        assertThat(missing).as("service operations without a row in PERMISSIONS (add one)").isEmpty();
        assertThat(stale).as("rows for operations that no longer exist").isEmpty();
    }

    @TestFactory
    Stream<DynamicTest> everyOperationTimesEveryRole() {
        var tests = new ArrayList<DynamicTest>();
        for (var op : PERMISSIONS.entrySet()) {
            if (op.getValue() == NONE_BUT_SYSTEM || op.getKey().startsWith("AuditLog.record")) {
                continue; // not permission-checked by design (sign-in, audit appends inside other operations)
            }
            for (Role role : Role.values()) {
                boolean allowed = op.getValue().contains(role);
                tests.add(DynamicTest.dynamicTest(op.getKey() + " as " + role + (allowed ? " passes" : " is refused"),
                        () -> asRole(role, () -> {
                            Throwable thrown = invokeWithEmptyArguments(op.getKey());
                            if (allowed) {
                                assertThat(thrown instanceof AuthorizationDeniedException)
                                        .as(op.getKey() + " as " + role + " should pass the permission check").isFalse();
                            } else {
                                assertThat(thrown).as(op.getKey() + " as " + role).isInstanceOf(AuthorizationDeniedException.class);
                            }
                        })));
            }
        }
        return tests.stream();
    }

    /** Scoped operations: refused for a member on another team's project; allowed on their own (and for managers). */
    @TestFactory
    Stream<DynamicTest> scopeOwnTeamVersusOtherTeam() {
        Map<String, Consumer<Project>> byProject = new TreeMap<>(Map.of(
                "ProjectService.project", p -> projects.project(p.id()),
                "ProjectService.previewServices", p -> projects.previewServices(p.id(), Set.of()),
                "ProjectService.controlsForEdit", p -> projects.controlsForEdit(List.of(p.id()), List.of("SRM-IAM-02")),
                "RaciService.previewCopy", p -> raci.previewCopy(p.id(), Set.of(p.id())),
                "CoverageService.projectCoverage", p -> coverage.projectCoverage(p.id()),
                "OscalService.exportSsp", p -> oscal.exportSsp(p.id(), com.demarc.oscal.OscalFormat.JSON),
                "AutomationService.importResults", p -> automation.importResults(new ByteArrayInputStream(
                        "{\"Findings\": []}".getBytes()), "scope.json", null, p.id()),
                "AutomationService.results", p -> automation.results(p.id()),
                "ServiceProposalService.proposeServices", p -> proposals.proposeServices(p.id(), Map.of("AWS::S3::Bucket", 1L)),
                "AutomationService.checksOf", p -> automation.checksOf(p == own ? ownRow.id() : otherRow.id())));
        Map<String, Consumer<ProjectControl>> byRow = new TreeMap<>(Map.of(
                "ProjectService.control", r -> projects.control(r.id()),
                "ProjectService.history", r -> projects.history(r.id()),
                "ProjectService.setStatus", r -> projects.setStatus(r.id(), projects.control(r.id()).version(),
                        Status.IN_PROGRESS, null, null, ""),
                "RaciService.raci", r -> raci.raci(r.id()),
                "RaciService.setRaci", r -> raci.setRaci(r.id(), projects.control(r.id()).version(), List.of()),
                "RaciService.saveControl", r -> raci.saveControl(r.id(), projects.control(r.id()).version(),
                        new com.demarc.raci.ControlEdit(Status.IN_PROGRESS, null, null, "", List.of())),
                "RaciService.bulkAssign", r -> raci.bulkAssign(Set.of(r.data().projectId()), Set.of(r.data().code()), RaciRole.R,
                        com.demarc.raci.Assignee.team(r.data().teamId(), "team")),
                "EvidenceService.items", r -> evidence.items(r.id()),
                "EvidenceService.upload", r -> evidence.upload(r.id(), null, "scope.pdf",
                        new ByteArrayInputStream(TestFiles.pdf("scope")), null, null, null)));
        var tests = new ArrayList<DynamicTest>();
        for (Role role : List.of(MEMBER, MANAGER)) {
            for (var op : byProject.entrySet()) {
                tests.add(scoped(role, op.getKey(), () -> op.getValue().accept(own), () -> op.getValue().accept(other)));
            }
            for (var op : byRow.entrySet()) {
                tests.add(scoped(role, op.getKey(), () -> op.getValue().accept(ownRow), () -> op.getValue().accept(otherRow)));
            }
        }
        return tests.stream();
    }

    private DynamicTest scoped(Role role, String name, Runnable onOwn, Runnable onOther) {
        return DynamicTest.dynamicTest(name + " as " + role + ": own team allowed, other team "
                + (role == MEMBER ? "refused" : "allowed"), () -> asRole(role, () -> {
            var onOwnTeam = outcome(onOwn);
            assertThat(onOwnTeam instanceof AccessDeniedException).as("own team: " + onOwnTeam).isFalse();
            var onOtherTeam = outcome(onOther);
            if (role == MEMBER) {
                assertThat(onOtherTeam).as("other team").isInstanceOf(AccessDeniedException.class);
            } else {
                assertThat(onOtherTeam instanceof AccessDeniedException).as("other team: " + onOtherTeam).isFalse();
            }
        }));
    }

    private static Throwable outcome(Runnable call) {
        try {
            call.run();
            return null;
        } catch (RuntimeException e) {
            return e;
        }
    }

    private Throwable invokeWithEmptyArguments(String key) {
        Method method = operations.get(key);
        Object bean = context.getBeansWithAnnotation(Service.class).values().stream()
                .filter(b -> AopUtils.getTargetClass(b) == method.getDeclaringClass()).findFirst().orElseThrow();
        Object[] args = Arrays.stream(method.getParameterTypes()).map(AuthorizationMatrixTest::empty).toArray();
        try {
            method.invoke(bean, args);
            return null;
        } catch (InvocationTargetException e) {
            return e.getCause();
        } catch (IllegalAccessException e) {
            return fail("cannot call " + key, e);
        }
    }

    private static Object empty(Class<?> type) {
        if (type == long.class) {
            return 0L;
        }
        if (type == int.class) {
            return 0;
        }
        if (type == boolean.class) {
            return false;
        }
        return null;
    }

    private void asRole(Role role, Runnable work) {
        var user = (DemarcUser) userDetails.loadUserByUsername(USERS.get(role));
        Actors.runAs(user, work);
    }
}
