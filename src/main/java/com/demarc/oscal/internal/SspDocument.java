package com.demarc.oscal.internal;

import com.demarc.catalog.Control;
import com.demarc.catalog.Owner;
import com.demarc.catalog.ServiceCategory;
import com.demarc.evidence.Attestation;
import com.demarc.evidence.EvidenceItem;
import com.demarc.evidence.EvidenceVersion;
import com.demarc.evidence.ReviewState;
import com.demarc.organization.Team;
import com.demarc.organization.TeamId;
import com.demarc.organization.UserId;
import com.demarc.organization.UserRef;
import com.demarc.project.AwsAccountId;
import com.demarc.project.Project;
import com.demarc.project.ProjectControlData;
import com.demarc.project.Status;
import com.demarc.raci.Assignee;
import com.demarc.raci.RaciRole;
import gov.nist.secauto.metaschema.core.datatype.object.AmbiguousDate;
import gov.nist.secauto.oscal.lib.model.AuthorizationBoundary;
import gov.nist.secauto.oscal.lib.model.BackMatter;
import gov.nist.secauto.oscal.lib.model.ByComponent;
import gov.nist.secauto.oscal.lib.model.ControlImplementation;
import gov.nist.secauto.oscal.lib.model.Hash;
import gov.nist.secauto.oscal.lib.model.ImplementationStatus;
import gov.nist.secauto.oscal.lib.model.ImplementedRequirement;
import gov.nist.secauto.oscal.lib.model.ImportProfile;
import gov.nist.secauto.oscal.lib.model.Link;
import gov.nist.secauto.oscal.lib.model.Metadata;
import gov.nist.secauto.oscal.lib.model.Property;
import gov.nist.secauto.oscal.lib.model.ResponsibleRole;
import gov.nist.secauto.oscal.lib.model.SystemCharacteristics;
import gov.nist.secauto.oscal.lib.model.SystemComponent;
import gov.nist.secauto.oscal.lib.model.SystemId;
import gov.nist.secauto.oscal.lib.model.SystemImplementation;
import gov.nist.secauto.oscal.lib.model.SystemInformation;
import gov.nist.secauto.oscal.lib.model.SystemSecurityPlan;
import gov.nist.secauto.oscal.lib.model.SystemUser;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import static com.demarc.oscal.internal.Markup.line;
import static com.demarc.oscal.internal.Markup.oscalProp;
import static com.demarc.oscal.internal.Markup.prop;
import static com.demarc.oscal.internal.Markup.prose;

/**
 * One project as an OSCAL system security plan (ADR 0015): parties and RACI roles, system characteristics, the
 * project as {@code this-system} and AWS as a leveraged authorization, one implemented requirement per applicable
 * control, accepted valid evidence in back-matter with its SHA-256. Pure mapping; uuids are name-based.
 */
public final class SspDocument {
    /** OSCAL role ids for the RACI letters. */
    public static final Map<RaciRole, String> ROLE_IDS = Map.of(RaciRole.R, "responsible", RaciRole.A, "accountable",
            RaciRole.C, "consulted", RaciRole.I, "informed");

    private SspDocument() {
    }

    public static String fileName(Project project, String extension) {
        return "ssp-" + project.name().toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-")
                .replaceAll("(^-|-$)", "") + "-" + project.id().value() + "." + extension;
    }

    static String key(Project p) {
        return "ssp:" + p.id().value();
    }

    public static UUID thisSystemUuid(Project p) {
        return Uuids.of(key(p) + ":this-system");
    }

    public static UUID userParty(String username) {
        return Uuids.of("party:user:" + username);
    }

    public static UUID teamParty(TeamId team) {
        return Uuids.of("party:team:" + team.value());
    }

    public static UUID evidenceResource(long itemId, int versionNumber) {
        return Uuids.of("evidence:" + itemId + ":" + versionNumber);
    }

    public static UUID attestationResource(long attestationId) {
        return Uuids.of("attestation:" + attestationId);
    }

    static UUID awsParty() {
        return Uuids.of("party:aws");
    }

    public static SystemSecurityPlan build(SspInput in) {
        Project p = in.project();
        Map<UserId, UserRef> people = new LinkedHashMap<>();
        in.people().forEach(u -> people.put(u.id(), u));
        Map<TeamId, Team> teams = new LinkedHashMap<>();
        in.teams().forEach(t -> teams.put(t.id(), t));

        var ssp = new SystemSecurityPlan();
        ssp.setUuid(Uuids.of(key(p)));
        ssp.setMetadata(metadata(in, people, teams));
        var importProfile = new ImportProfile();
        importProfile.setHref(URI.create(CatalogDocuments.fileName(in.model(), "profile", "json")));
        ssp.setImportProfile(importProfile);
        ssp.setSystemCharacteristics(characteristics(p));
        var attestations = attestations(in);
        ssp.setSystemImplementation(implementation(in, attestations));
        var back = new ArrayList<BackMatter.Resource>();
        ssp.setControlImplementation(controls(in, people, back));
        attestations.values().forEach(a -> back.add(attestationResource(a)));
        back.sort(Comparator.comparing(r -> r.getUuid().toString()));
        if (!back.isEmpty()) {
            var matter = new BackMatter();
            matter.setResources(dedupe(back));
            ssp.setBackMatter(matter);
        }
        return ssp;
    }

    private static List<BackMatter.Resource> dedupe(List<BackMatter.Resource> resources) {
        Map<UUID, BackMatter.Resource> byUuid = new LinkedHashMap<>();
        resources.forEach(r -> byUuid.putIfAbsent(r.getUuid(), r));
        return new ArrayList<>(byUuid.values());
    }

    private static Metadata metadata(SspInput in, Map<UserId, UserRef> people, Map<TeamId, Team> teams) {
        Project p = in.project();
        var m = new Metadata();
        m.setTitle(line("System security plan: " + p.name()));
        Instant last = p.updatedAt();
        for (var row : in.rows()) {
            if (row.control().data().updatedAt().isAfter(last)) {
                last = row.control().data().updatedAt();
            }
        }
        m.setLastModified(Markup.time(last));
        m.setVersion(p.version() + "." + in.rows().stream().mapToLong(r -> r.control().version()).sum());
        m.setOscalVersion(CatalogDocuments.OSCAL_VERSION);
        var roles = new ArrayList<Metadata.Role>();
        for (RaciRole r : RaciRole.values()) {
            var role = new Metadata.Role();
            role.setId(ROLE_IDS.get(r));
            role.setTitle(line(r.label()));
            role.setDescription(prose(switch (r) {
                case R -> "Does the work for the control.";
                case A -> "Answers for the control: exactly one person per control.";
                case C -> "Is consulted before decisions on the control.";
                case I -> "Is kept informed about the control.";
            }));
            roles.add(role);
        }
        m.setRoles(roles);
        var parties = new ArrayList<Metadata.Party>();
        var aws = new Metadata.Party();
        aws.setUuid(awsParty());
        aws.setType("organization");
        aws.setName("Amazon Web Services");
        aws.setShortName("AWS");
        parties.add(aws);
        // teams of the project and every team or person named in its RACI
        Set<TeamId> teamIds = new java.util.LinkedHashSet<>();
        teamIds.add(p.teamId());
        Set<UserId> userIds = new java.util.LinkedHashSet<>();
        for (var row : in.rows()) {
            for (var e : row.raci().entries()) {
                if (e.assignee().isPerson()) {
                    userIds.add(e.assignee().user());
                } else {
                    teamIds.add(e.assignee().team());
                }
            }
        }
        Map<UserId, List<UUID>> memberships = new TreeMap<>(Comparator.comparingLong(UserId::value));
        for (TeamId t : teamIds.stream().sorted(Comparator.comparingLong(TeamId::value)).toList()) {
            var team = teams.get(t);
            var party = new Metadata.Party();
            party.setUuid(teamParty(t));
            party.setType("organization");
            party.setName(team != null ? team.name() : (t.equals(p.teamId()) ? p.teamName() : "Team " + t.value()));
            party.setProps(new ArrayList<>(List.of(prop("demarc-team", "true"))));
            parties.add(party);
            if (team != null) {
                for (UserRef member : team.members()) {
                    userIds.add(member.id());
                    memberships.computeIfAbsent(member.id(), k -> new ArrayList<>()).add(teamParty(t));
                }
            }
        }
        for (UserId u : userIds.stream().sorted(Comparator.comparingLong(UserId::value)).toList()) {
            var ref = people.get(u);
            if (ref == null) {
                continue;
            }
            var party = new Metadata.Party();
            party.setUuid(userParty(ref.username()));
            party.setType("person");
            party.setName(ref.displayName() == null || ref.displayName().isBlank() ? ref.username() : ref.displayName());
            party.setShortName(ref.username());
            var orgs = memberships.get(u);
            if (orgs != null) {
                party.setMemberOfOrganizations(new ArrayList<>(orgs));
            }
            parties.add(party);
        }
        m.setParties(parties);
        return m;
    }

    private static SystemCharacteristics characteristics(Project p) {
        var sc = new SystemCharacteristics();
        var id = new SystemId();
        id.setIdentifierType(URI.create("https://ietf.org/rfc/rfc4122"));
        id.setId(Uuids.of(key(p)).toString());
        var ids = new ArrayList<SystemId>(List.of(id));
        for (AwsAccountId account : p.awsAccountIds()) {
            var accountId = new SystemId();
            accountId.setIdentifierType(URI.create("https://aws.amazon.com/account-id"));
            accountId.setId(account.value());
            ids.add(accountId);
        }
        sc.setSystemIds(ids);
        sc.setSystemName(p.name());
        sc.setSystemNameShort(p.name().length() > 40 ? p.name().substring(0, 40) : p.name());
        sc.setDescription(prose(p.description() == null || p.description().isBlank()
                ? "Project " + p.name() + " of team " + p.teamName() + " on AWS." : p.description()));
        var props = new ArrayList<Property>();
        props.add(oscalProp("cloud-service-model", "iaas"));
        props.add(prop("team", p.teamName()));
        props.add(prop("responsibility-model", p.modelLabel()));
        p.awsAccountIds().forEach(a -> props.add(prop("aws-account-id", a.value())));
        p.services().forEach(s -> props.add(prop("aws-service", s.code())));
        sc.setProps(props);
        var info = new SystemInformation();
        var type = new SystemInformation.InformationType();
        type.setUuid(Uuids.of(key(p) + ":information-type"));
        type.setTitle(line("Data of " + p.name()));
        type.setDescription(prose("The content the project stores and processes in its AWS accounts"
                + (p.services().isEmpty() ? "." : ", in " + String.join(", ", p.services().stream()
                .map(com.demarc.catalog.AwsService::name).toList()) + ".")));
        info.setInformationTypes(new ArrayList<>(List.of(type)));
        sc.setSystemInformation(info);
        var status = new gov.nist.secauto.oscal.lib.model.Status();
        status.setState(p.archived() ? "disposition" : "operational");
        sc.setStatus(status);
        var boundary = new AuthorizationBoundary();
        boundary.setDescription(prose(p.awsAccountIds().isEmpty() ? "The project's AWS accounts (none recorded yet)."
                : "The AWS accounts " + String.join(", ", p.awsAccountIds().stream().map(AwsAccountId::value).toList())
                + " and the AWS services the project uses in them."));
        sc.setAuthorizationBoundary(boundary);
        return sc;
    }

    /** The distinct attestations linked to the project's controls, by id. */
    private static Map<Long, Attestation> attestations(SspInput in) {
        Map<Long, Attestation> byId = new TreeMap<>();
        in.rows().forEach(r -> r.attestations().forEach(a -> byId.putIfAbsent(a.id(), a)));
        return byId;
    }

    public static UUID leveragedAuthorization(long attestationId) {
        return Uuids.of("leveraged-authorization:" + attestationId);
    }

    private static SystemImplementation implementation(SspInput in, Map<Long, Attestation> attestations) {
        Project p = in.project();
        var si = new SystemImplementation();
        var leveraged = new ArrayList<SystemImplementation.LeveragedAuthorization>();
        for (Attestation a : attestations.values()) {
            var la = new SystemImplementation.LeveragedAuthorization();
            la.setUuid(leveragedAuthorization(a.id()));
            la.setTitle(line("AWS: " + a.reportType() + " — " + a.name()));
            la.setPartyUuid(awsParty());
            la.setDateAuthorized(new AmbiguousDate(a.periodTo().atStartOfDay(java.time.ZoneOffset.UTC), false));
            var props = new ArrayList<Property>();
            props.add(prop("report-type", a.reportType()));
            props.add(prop("period-start", a.periodFrom().toString()));
            props.add(prop("period-end", a.periodTo().toString()));
            props.add(prop("valid-until", a.validUntil().toString()));
            props.add(prop("valid", Boolean.toString(a.valid(in.today()))));
            la.setProps(props);
            var links = new ArrayList<Link>();
            links.add(Markup.link("#" + attestationResource(a.id()), "reference", "The attestation"));
            la.setLinks(links);
            leveraged.add(la);
        }
        if (!leveraged.isEmpty()) {
            si.setLeveragedAuthorizations(leveraged);
        }
        var users = new ArrayList<SystemUser>();
        for (RaciRole r : RaciRole.values()) {
            var user = new SystemUser();
            user.setUuid(Uuids.of(key(p) + ":user:" + ROLE_IDS.get(r)));
            user.setTitle(line(r.label() + " for a control"));
            user.setRoleIds(new ArrayList<>(List.of(ROLE_IDS.get(r))));
            users.add(user);
        }
        si.setUsers(users);
        var thisSystem = new SystemComponent();
        thisSystem.setUuid(thisSystemUuid(p));
        thisSystem.setType("this-system");
        thisSystem.setTitle(line(p.name()));
        thisSystem.setDescription(prose("The workload of team " + p.teamName() + " on AWS: everything the customer "
                + "configures, builds and runs in its accounts."));
        var status = new SystemComponent.Status();
        status.setState(p.archived() ? "disposition" : "operational");
        thisSystem.setStatus(status);
        var aws = new SystemComponent();
        aws.setUuid(CatalogDocuments.awsComponentUuid());
        aws.setType("service");
        aws.setTitle(line("Amazon Web Services"));
        aws.setDescription(prose("The AWS cloud, a leveraged system: the security of the cloud that the project inherits."));
        var awsProps = new ArrayList<Property>();
        awsProps.add(oscalProp("implementation-point", "external"));
        attestations.keySet().forEach(id -> awsProps.add(oscalProp("leveraged-authorization-uuid",
                leveragedAuthorization(id).toString())));
        aws.setProps(awsProps);
        var awsStatus = new SystemComponent.Status();
        awsStatus.setState("operational");
        aws.setStatus(awsStatus);
        si.setComponents(new ArrayList<>(List.of(thisSystem, aws)));
        return si;
    }

    private static ControlImplementation controls(SspInput in, Map<UserId, UserRef> people, List<BackMatter.Resource> back) {
        Project p = in.project();
        var ci = new ControlImplementation();
        ci.setDescription(prose("One implemented requirement per control of " + p.modelLabel() + " that applies to "
                + p.name() + ": the customer's part by this system, AWS's part inherited from AWS (a leveraged "
                + "authorization), shared controls inherited and satisfied."));
        var requirements = new ArrayList<ImplementedRequirement>();
        var rows = in.rows().stream().sorted(Comparator.comparing(r -> r.control().data().code())).toList();
        for (var row : rows) {
            ProjectControlData d = row.control().data();
            if (d.owner() == Owner.NOT_APPLICABLE) {
                continue; // no service the project uses needs it
            }
            Control control = in.controls().get(d.controlId());
            var ir = new ImplementedRequirement();
            ir.setUuid(Uuids.of(key(p) + ":control:" + d.code()));
            ir.setControlId(d.code());
            ir.setProps(new ArrayList<>(List.of(prop("effective-owner", d.owner().name()),
                    prop("status", d.status().name()))));
            var roles = roles(row, people);
            if (!roles.isEmpty()) {
                ir.setResponsibleRoles(roles);
            }
            if (d.ownerReason() != null && !d.ownerReason().isBlank()) {
                ir.setRemarks(prose(d.ownerReason()));
            }
            var byComponents = new ArrayList<ByComponent>();
            ServiceCategory category = category(in, control, d.owner());
            var evidenceLinks = evidence(row, in, back);
            if (d.owner() == Owner.AWS || d.owner() == Owner.SHARED) {
                byComponents.add(awsExport(in, control, d, category));
            }
            byComponents.add(thisSystem(in, row, control, category, roles, evidenceLinks));
            ir.setByComponents(byComponents);
            requirements.add(ir);
        }
        ci.setImplementedRequirements(requirements);
        return ci;
    }

    /** The service category whose owner gives the project's effective owner (for the provided/responsibility uuids). */
    static ServiceCategory category(SspInput in, Control control, Owner owner) {
        if (control != null) {
            var used = EnumSet.noneOf(ServiceCategory.class);
            in.project().services().forEach(s -> used.add(s.category()));
            for (ServiceCategory c : ServiceCategory.values()) {
                if (used.contains(c) && control.ownerIn(c) == owner) {
                    return c;
                }
            }
            for (ServiceCategory c : ServiceCategory.values()) {
                if (control.ownerIn(c) == owner) {
                    return c;
                }
            }
        }
        return ServiceCategory.INFRASTRUCTURE;
    }

    private static ByComponent awsExport(SspInput in, Control control, ProjectControlData d, ServiceCategory category) {
        var by = new ByComponent();
        by.setComponentUuid(CatalogDocuments.awsComponentUuid());
        by.setUuid(Uuids.of(key(in.project()) + ":control:" + d.code() + ":aws"));
        String awsText = control == null ? d.title() : CatalogDocuments.awsStatement(control);
        by.setDescription(prose(awsText));
        var export = new ByComponent.Export();
        var provided = new ByComponent.Export.Provided();
        provided.setUuid(CatalogDocuments.providedUuid(in.model(), d.code(), category));
        provided.setDescription(prose(awsText));
        export.setProvided(new ArrayList<>(List.of(provided)));
        if (d.owner() == Owner.SHARED) {
            var responsibility = new ByComponent.Export.Responsibility();
            responsibility.setUuid(CatalogDocuments.responsibilityUuid(in.model(), d.code(), category));
            responsibility.setProvidedUuid(provided.getUuid());
            responsibility.setDescription(prose(control == null ? d.title() : CatalogDocuments.customerStatement(control)));
            export.setResponsibilities(new ArrayList<>(List.of(responsibility)));
        }
        by.setExport(export);
        var status = new ImplementationStatus();
        status.setState("implemented");
        by.setImplementationStatus(status);
        return by;
    }

    private static ByComponent thisSystem(SspInput in, SspInput.Row row, Control control, ServiceCategory category,
                                          List<ResponsibleRole> roles, List<Link> evidence) {
        ProjectControlData d = row.control().data();
        var by = new ByComponent();
        by.setComponentUuid(thisSystemUuid(in.project()));
        by.setUuid(Uuids.of(key(in.project()) + ":control:" + d.code() + ":this-system"));
        String customerText = control == null ? d.title() : CatalogDocuments.customerStatement(control);
        by.setDescription(prose(d.owner() == Owner.AWS ? "Inherited from AWS: " + (control == null ? d.title()
                : CatalogDocuments.awsStatement(control)) : customerText));
        if (d.owner() == Owner.AWS || d.owner() == Owner.SHARED) {
            var inherited = new ByComponent.Inherited();
            inherited.setUuid(Uuids.of(key(in.project()) + ":control:" + d.code() + ":inherited"));
            inherited.setProvidedUuid(CatalogDocuments.providedUuid(in.model(), d.code(), category));
            inherited.setDescription(prose(control == null ? d.title() : CatalogDocuments.awsStatement(control)));
            by.setInherited(new ArrayList<>(List.of(inherited)));
        }
        if (d.owner() == Owner.SHARED) {
            var satisfied = new ByComponent.Satisfied();
            satisfied.setUuid(Uuids.of(key(in.project()) + ":control:" + d.code() + ":satisfied"));
            satisfied.setResponsibilityUuid(CatalogDocuments.responsibilityUuid(in.model(), d.code(), category));
            satisfied.setDescription(prose(customerText));
            if (!roles.isEmpty()) {
                satisfied.setResponsibleRoles(copy(roles));
            }
            by.setSatisfied(new ArrayList<>(List.of(satisfied)));
        }
        var status = new ImplementationStatus();
        status.setState(state(d.status()));
        if (d.status() == Status.NOT_APPLICABLE && d.justification() != null && !d.justification().isBlank()) {
            status.setRemarks(prose(d.justification()));
        }
        if (row.failingCheck()) {
            // implemented on paper, but AWS's own evaluation fails: an assessor reads it as partly in place
            status.setState("partial");
            status.setRemarks(prose("Failing check: a mapped AWS Security Hub / AWS Config check failed in the newest "
                    + "import, so the control is not covered until a later import passes (Demarc coverage rule, ADR 0020)."));
        }
        by.setImplementationStatus(status);
        if (d.owner() != Owner.AWS && !roles.isEmpty()) {
            by.setResponsibleRoles(copy(roles));
        }
        if (!evidence.isEmpty()) {
            by.setLinks(new ArrayList<>(evidence));
        }
        return by;
    }

    /** OSCAL's implementation-status states for Demarc's statuses. */
    public static String state(Status status) {
        return switch (status) {
            case NOT_STARTED -> "planned";
            case IN_PROGRESS -> "partial";
            case IMPLEMENTED, INHERITED -> "implemented";
            case NOT_APPLICABLE -> "not-applicable";
        };
    }

    private static List<ResponsibleRole> roles(SspInput.Row row, Map<UserId, UserRef> people) {
        var result = new ArrayList<ResponsibleRole>();
        for (RaciRole r : RaciRole.values()) {
            var parties = new ArrayList<UUID>();
            for (Assignee a : row.raci().holders(r)) {
                if (a.isPerson()) {
                    var ref = people.get(a.user());
                    if (ref != null) {
                        parties.add(userParty(ref.username()));
                    }
                } else {
                    parties.add(teamParty(a.team()));
                }
            }
            if (!parties.isEmpty()) {
                var role = new ResponsibleRole();
                role.setRoleId(ROLE_IDS.get(r));
                role.setPartyUuids(parties);
                result.add(role);
            }
        }
        return result;
    }

    private static List<ResponsibleRole> copy(List<ResponsibleRole> roles) {
        var copies = new ArrayList<ResponsibleRole>();
        for (var r : roles) {
            var c = new ResponsibleRole();
            c.setRoleId(r.getRoleId());
            c.setPartyUuids(new ArrayList<>(r.getPartyUuids()));
            copies.add(c);
        }
        return copies;
    }

    /** Accepted, currently valid evidence files of a row as back-matter resources, and links to them. */
    private static List<Link> evidence(SspInput.Row row, SspInput in, List<BackMatter.Resource> back) {
        var links = new ArrayList<Link>();
        for (EvidenceItem item : row.evidence().stream().sorted(Comparator.comparingLong(EvidenceItem::id)).toList()) {
            EvidenceVersion v = item.current();
            if (!v.isFile() || v.reviewState() != ReviewState.ACCEPTED || item.expired(in.today())
                    || item.notYetValid(in.today())) {
                continue;
            }
            UUID uuid = evidenceResource(item.id(), v.number());
            var r = new BackMatter.Resource();
            r.setUuid(uuid);
            r.setTitle(line(item.title() == null || item.title().isBlank() ? v.fileName() : item.title()));
            var props = new ArrayList<Property>();
            props.add(oscalProp("type", "evidence"));
            props.add(prop("control", row.control().data().code()));
            props.add(prop("version", Integer.toString(v.number())));
            if (item.validUntil() != null) {
                props.add(prop("valid-until", item.validUntil().toString()));
            }
            if (v.reviewedBy() != null) {
                props.add(prop("reviewed-by", v.reviewedBy()));
            }
            r.setProps(props);
            var rlink = new BackMatter.Resource.Rlink();
            rlink.setHref(URI.create("evidence/" + row.control().data().code() + "/"
                    + URLEncoder.encode(v.fileName(), StandardCharsets.UTF_8).replace("+", "%20")));
            if (v.contentType() != null && !v.contentType().isBlank()) {
                rlink.setMediaType(v.contentType());
            }
            var hash = new Hash();
            hash.setAlgorithm("SHA-256");
            hash.setValue(v.sha256());
            rlink.setHashes(new ArrayList<>(List.of(hash)));
            r.setRlinks(new ArrayList<>(List.of(rlink)));
            back.add(r);
            links.add(Markup.link("#" + uuid, "evidence", null));
        }
        return links;
    }

    private static BackMatter.Resource attestationResource(Attestation a) {
        var r = new BackMatter.Resource();
        r.setUuid(attestationResource(a.id()));
        r.setTitle(line(a.reportType() + ": " + a.name()));
        r.setProps(new ArrayList<>(List.of(oscalProp("type", "evidence"), prop("attestation", "true"))));
        var rlinks = new ArrayList<BackMatter.Resource.Rlink>();
        if (a.sha256() != null) {
            var rlink = new BackMatter.Resource.Rlink();
            rlink.setHref(URI.create("attestations/" + URLEncoder.encode(a.fileName() == null ? "report" : a.fileName(),
                    StandardCharsets.UTF_8).replace("+", "%20")));
            var hash = new Hash();
            hash.setAlgorithm("SHA-256");
            hash.setValue(a.sha256());
            rlink.setHashes(new ArrayList<>(List.of(hash)));
            rlinks.add(rlink);
        }
        if (a.url() != null && a.url().matches("^https?://\\S+$")) {
            var rlink = new BackMatter.Resource.Rlink();
            rlink.setHref(URI.create(a.url()));
            rlinks.add(rlink);
        }
        if (!rlinks.isEmpty()) {
            r.setRlinks(rlinks);
        }
        return r;
    }
}
