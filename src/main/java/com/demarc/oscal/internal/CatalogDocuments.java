package com.demarc.oscal.internal;

import com.demarc.catalog.Control;
import com.demarc.catalog.Domain;
import com.demarc.catalog.Owner;
import com.demarc.catalog.ResponsibilityModel;
import com.demarc.catalog.ServiceCategory;
import gov.nist.secauto.oscal.lib.model.BackMatter;
import gov.nist.secauto.oscal.lib.model.Catalog;
import gov.nist.secauto.oscal.lib.model.CatalogGroup;
import gov.nist.secauto.oscal.lib.model.ComponentControlImplementation;
import gov.nist.secauto.oscal.lib.model.ComponentDefinition;
import gov.nist.secauto.oscal.lib.model.ComponentImplementedRequirement;
import gov.nist.secauto.oscal.lib.model.ComponentStatement;
import gov.nist.secauto.oscal.lib.model.ControlPart;
import gov.nist.secauto.oscal.lib.model.DefinedComponent;
import gov.nist.secauto.oscal.lib.model.IncludeAll;
import gov.nist.secauto.oscal.lib.model.Metadata;
import gov.nist.secauto.oscal.lib.model.Profile;
import gov.nist.secauto.oscal.lib.model.ProfileImport;
import gov.nist.secauto.oscal.lib.model.Property;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import static com.demarc.oscal.internal.Markup.line;
import static com.demarc.oscal.internal.Markup.link;
import static com.demarc.oscal.internal.Markup.prop;
import static com.demarc.oscal.internal.Markup.prose;

/**
 * A catalog version as an OSCAL catalog, a profile selecting all of it, and AWS as a component definition (ADR 0015).
 * Pure mapping from the catalog module's records; uuids are name-based from the version and control codes.
 */
public final class CatalogDocuments {
    public static final String OSCAL_VERSION = "1.1.3";

    private CatalogDocuments() {
    }

    /** The file name a version's document is offered under, e.g. {@code aws-srm-2026.1-catalog.json}. */
    public static String fileName(ResponsibilityModel model, String kind, String extension) {
        return model.provider().toLowerCase(Locale.ROOT) + "-srm-" + model.version().replaceAll("[^A-Za-z0-9.\\-]", "_")
                + "-" + kind + "." + extension;
    }

    static String key(ResponsibilityModel model) {
        return model.provider() + ":" + model.version();
    }

    /** The uuid of AWS's provided statement for a control in one service category (shared by CD and SSP). */
    public static UUID providedUuid(ResponsibilityModel model, String code, ServiceCategory category) {
        return Uuids.of("provided:" + key(model) + ":" + code + ":" + category.key());
    }

    /** The uuid of the responsibility AWS hands over to the customer for a control in one category. */
    public static UUID responsibilityUuid(ResponsibilityModel model, String code, ServiceCategory category) {
        return Uuids.of("responsibility:" + key(model) + ":" + code + ":" + category.key());
    }

    public static UUID awsComponentUuid() {
        return Uuids.of("component:aws");
    }

    static Metadata metadata(String title, ResponsibilityModel model) {
        var m = new Metadata();
        m.setTitle(line(title));
        m.setPublished(Markup.time(model.published()));
        m.setLastModified(Markup.time(model.loadedAt()));
        m.setVersion(model.version());
        m.setOscalVersion(OSCAL_VERSION);
        if (model.sourceUrl() != null && !model.sourceUrl().isBlank()) {
            m.setLinks(new ArrayList<>(List.of(link(model.sourceUrl(), "reference", "Source of the model"))));
        }
        return m;
    }

    public static Catalog catalog(ResponsibilityModel model, List<Domain> domains, List<Control> controls) {
        var catalog = new Catalog();
        catalog.setUuid(Uuids.of("catalog:" + key(model)));
        catalog.setMetadata(metadata(model.label(), model));
        Map<String, CatalogGroup> groups = new LinkedHashMap<>();
        for (Domain d : domains) {
            var g = new CatalogGroup();
            g.setId(d.code());
            g.setClazz("domain");
            g.setTitle(line(d.name()));
            g.setControls(new ArrayList<>());
            groups.put(d.code(), g);
        }
        for (Control c : controls) {
            var g = groups.computeIfAbsent(c.data().domainCode(), code -> {
                var added = new CatalogGroup();
                added.setId(code);
                added.setClazz("domain");
                added.setTitle(line(c.data().domainName()));
                added.setControls(new ArrayList<>());
                return added;
            });
            g.getControls().add(control(c));
        }
        catalog.setGroups(new ArrayList<>(groups.values().stream().filter(g -> !g.getControls().isEmpty()).toList()));
        return catalog;
    }

    private static gov.nist.secauto.oscal.lib.model.Control control(Control c) {
        var d = c.data();
        var control = new gov.nist.secauto.oscal.lib.model.Control();
        control.setId(d.code());
        control.setClazz(d.organisation() ? "organisation" : "srm");
        control.setTitle(line(d.title()));
        var props = new ArrayList<Property>();
        props.add(Markup.oscalProp("label", d.code()));
        props.add(prop("owner", d.defaultOwner().name()));
        for (ServiceCategory category : ServiceCategory.values()) {
            props.add(prop("owner-" + category.key(), c.ownerIn(category).name()));
        }
        d.ccmIds().forEach(id -> props.add(prop("csa-ccm-v4", id)));
        d.nistIds().forEach(id -> props.add(prop("nist-sp800-53-r5", id)));
        control.setProps(props);
        var links = new ArrayList<gov.nist.secauto.oscal.lib.model.Link>();
        if (d.sourceUrl() != null && d.sourceUrl().matches("^https?://\\S+$")) {
            links.add(link(d.sourceUrl(), "reference", "Source"));
        }
        if (!links.isEmpty()) {
            control.setLinks(links);
        }
        var parts = new ArrayList<ControlPart>();
        parts.add(part(d.code() + "_smt", "statement", null, d.description()));
        if (d.customerPart() != null && !d.customerPart().isBlank()) {
            parts.add(part(d.code() + "_cust", "customer-responsibility", Markup.NS, d.customerPart()));
        }
        if (d.awsPart() != null && !d.awsPart().isBlank()) {
            parts.add(part(d.code() + "_aws", "aws-responsibility", Markup.NS, d.awsPart()));
        }
        control.setParts(parts);
        return control;
    }

    private static ControlPart part(String id, String name, URI ns, String text) {
        var p = new ControlPart();
        p.setId(id);
        p.setName(name);
        if (ns != null) {
            p.setNs(ns);
        }
        p.setProse(prose(text));
        return p;
    }

    /** A profile that selects every control of the version's catalog (the file of {@link #fileName}). */
    public static Profile profile(ResponsibilityModel model, String catalogHref) {
        var profile = new Profile();
        profile.setUuid(Uuids.of("profile:" + key(model)));
        profile.setMetadata(metadata(model.label() + " (all controls)", model));
        UUID resource = Uuids.of("profile-import:" + key(model));
        var imp = new ProfileImport();
        imp.setHref(URI.create("#" + resource));
        imp.setIncludeAll(new IncludeAll());
        profile.setImports(new ArrayList<>(List.of(imp)));
        var r = new BackMatter.Resource();
        r.setUuid(resource);
        r.setTitle(line(model.label() + " as an OSCAL catalog"));
        var rlink = new BackMatter.Resource.Rlink();
        rlink.setHref(URI.create(catalogHref));
        rlink.setMediaType("application/oscal.catalog+json");
        r.setRlinks(new ArrayList<>(List.of(rlink)));
        var back = new BackMatter();
        back.setResources(new ArrayList<>(List.of(r)));
        profile.setBackMatter(back);
        return profile;
    }

    /**
     * AWS as a component definition: one control implementation per service category, each control that AWS
     * carries in that category (AWS or shared) with what AWS provides and, for shared ones, what it leaves to the
     * customer, as statements whose uuids are the ones SSPs point at from {@code inherited} and {@code satisfied}.
     */
    public static ComponentDefinition awsComponentDefinition(ResponsibilityModel model, List<Control> controls,
                                                             String catalogHref) {
        var cd = new ComponentDefinition();
        cd.setUuid(Uuids.of("component-definition:" + key(model)));
        cd.setMetadata(metadata("Amazon Web Services: customer responsibility matrix (" + model.label() + ")", model));
        var aws = new DefinedComponent();
        aws.setUuid(awsComponentUuid());
        aws.setType("service");
        aws.setTitle(line("Amazon Web Services"));
        aws.setDescription(prose("The AWS cloud as a leveraged system: what AWS provides for each control of "
                + model.label() + " and what it leaves to the customer, by service category."));
        var implementations = new ArrayList<ComponentControlImplementation>();
        for (ServiceCategory category : ServiceCategory.values()) {
            var ci = new ComponentControlImplementation();
            ci.setUuid(Uuids.of("component-definition:" + key(model) + ":" + category.key()));
            ci.setSource(URI.create(catalogHref));
            ci.setDescription(prose("AWS services of the " + category.key() + " category (" + examples(category) + ")."));
            ci.setProps(new ArrayList<>(List.of(prop("service-category", category.key()))));
            var requirements = new ArrayList<ComponentImplementedRequirement>();
            for (Control c : controls) {
                Owner owner = c.ownerIn(category);
                if (owner != Owner.AWS && owner != Owner.SHARED) {
                    continue;
                }
                var d = c.data();
                var ir = new ComponentImplementedRequirement();
                ir.setUuid(Uuids.of("component-definition:" + key(model) + ":" + category.key() + ":" + d.code()));
                ir.setControlId(d.code());
                ir.setDescription(prose(awsStatement(c)));
                ir.setProps(new ArrayList<>(List.of(prop("responsibility", owner.name()))));
                var statements = new ArrayList<ComponentStatement>();
                var provided = new ComponentStatement();
                provided.setStatementId(d.code() + "_aws");
                provided.setUuid(providedUuid(model, d.code(), category));
                provided.setDescription(prose(awsStatement(c)));
                provided.setProps(new ArrayList<>(List.of(prop("export", "provided"))));
                statements.add(provided);
                if (owner == Owner.SHARED) {
                    var handedOver = new ComponentStatement();
                    handedOver.setStatementId(d.code() + "_cust");
                    handedOver.setUuid(responsibilityUuid(model, d.code(), category));
                    handedOver.setDescription(prose(customerStatement(c)));
                    handedOver.setProps(new ArrayList<>(List.of(prop("export", "responsibility"))));
                    statements.add(handedOver);
                }
                ir.setStatements(statements);
                requirements.add(ir);
            }
            if (!requirements.isEmpty()) {
                ci.setImplementedRequirements(requirements);
                implementations.add(ci);
            }
        }
        aws.setControlImplementations(implementations);
        cd.setComponents(new ArrayList<>(List.of(aws)));
        return cd;
    }

    static String awsStatement(Control c) {
        var aws = c.data().awsPart();
        return aws == null || aws.isBlank() ? c.data().description() : aws;
    }

    static String customerStatement(Control c) {
        var customer = c.data().customerPart();
        return customer == null || customer.isBlank() ? c.data().description() : customer;
    }

    private static String examples(ServiceCategory category) {
        return switch (category) {
            case INFRASTRUCTURE -> "e.g. EC2, EBS, VPC";
            case CONTAINER -> "e.g. RDS, EMR, Elastic Beanstalk";
            case ABSTRACTED -> "e.g. S3, DynamoDB, Lambda";
        };
    }
}
