package com.demarc.catalog;

import com.demarc.shared.UserFacingException;
import com.demarc.support.DemarcTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.test.context.support.WithUserDetails;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DemarcTest
class CatalogServiceTest {
    @Autowired
    CatalogService catalog;
    @Autowired
    JdbcClient jdbc;

    @Test
    @WithUserDetails("alice")
    void theShippedCatalogCoversTheModel() {
        var model = Shipped.model(catalog);
        assertThat(model.provider()).isEqualTo("AWS");
        var controls = catalog.controlsFor(model.id()).stream().filter(c -> !c.data().organisation()).toList();
        assertThat(controls).hasSizeGreaterThanOrEqualTo(59);
        Map<Owner, Long> byOwner = controls.stream().collect(Collectors.groupingBy(control -> control.data().defaultOwner(), Collectors.counting()));
        assertThat(byOwner.keySet()).containsExactlyInAnyOrder(Owner.CUSTOMER, Owner.SHARED, Owner.AWS);
        assertThat(controls.stream().filter(c -> c.data().defaultOwner() == Owner.SHARED))
                .allSatisfy(c -> assertThat(c.data().customerPart()).isNotBlank())
                .allSatisfy(c -> assertThat(c.data().awsPart()).isNotBlank());

        var summary = catalog.summary(model.id());
        assertThat(summary).hasSize(13).allSatisfy(r -> assertThat(r.controlCodes()).isNotEmpty());
        assertThat(summary.get(4).text()).contains("Guest Operating Systems");
        assertThat(summary.get(4).owner()).isEqualTo(Owner.CUSTOMER);
        assertThat(summary.get(8).owner()).isEqualTo(Owner.AWS);

        var seed = catalog.seedItems(model.id());
        var referenced = controls.stream().flatMap(c -> c.data().seedRefs().stream()).collect(Collectors.toSet());
        assertThat(seed).isNotEmpty().allSatisfy(s -> assertThat(referenced).contains(s.code()));
    }

    @Test
    @WithUserDetails("alice")
    void servicesHaveTheirCategories() {
        var services = catalog.services().stream().collect(Collectors.toMap(AwsService::code, AwsService::category));
        assertThat(services).hasSizeGreaterThanOrEqualTo(30)
                .containsEntry("EC2", ServiceCategory.INFRASTRUCTURE).containsEntry("EBS", ServiceCategory.INFRASTRUCTURE)
                .containsEntry("VPC", ServiceCategory.INFRASTRUCTURE).containsEntry("RDS", ServiceCategory.CONTAINER)
                .containsEntry("EMR", ServiceCategory.CONTAINER).containsEntry("ELASTIC_BEANSTALK", ServiceCategory.CONTAINER)
                .containsEntry("S3", ServiceCategory.ABSTRACTED).containsEntry("DYNAMODB", ServiceCategory.ABSTRACTED)
                .containsEntry("LAMBDA", ServiceCategory.ABSTRACTED).containsEntry("KMS", ServiceCategory.ABSTRACTED);
    }

    @Test
    @WithUserDetails("auditor")
    void filtersMatchTheDatabase() {
        var model = Shipped.model(catalog).id();
        int shared = catalog.countControls(new ControlFilter(model, Owner.SHARED, null, null, null));
        int sql = jdbc.sql("select count(*) from control where (model_id = :m or origin = 'ORGANISATION') and default_owner = 'SHARED'")
                .param("m", model.value()).query(Integer.class).single();
        assertThat(shared).isEqualTo(sql).isPositive();
        assertThat(catalog.findControls(new ControlFilter(model, Owner.SHARED, null, null, null), 0, 100))
                .allMatch(c -> c.data().defaultOwner() == Owner.SHARED);

        var awsOnContainers = catalog.findControls(new ControlFilter(model, Owner.AWS, null, ServiceCategory.CONTAINER, null), 0, 200);
        assertThat(awsOnContainers).extracting(control -> control.data().code()).contains("SRM-PLAT-02", "SRM-PLAT-05");
        assertThat(catalog.findControls(new ControlFilter(model, null, "IAM", null, null), 0, 50))
                .isNotEmpty().allMatch(c -> c.data().domainCode().equals("IAM"));
        assertThat(catalog.findControls(new ControlFilter(model, null, null, null, "cloudtrail"), 0, 50))
                .extracting(control -> control.data().code()).contains("SRM-DET-01");
    }

    @Test
    @WithUserDetails("manager")
    void managersAddOrganisationControlsWithTheSameFields() {
        var model = Shipped.model(catalog).id();
        var draft = new ControlDraft("org-pci-01", "ORG", "Cardholder data environment scoping",
                "Keep the PCI DSS cardholder data environment small and documented.", Owner.SHARED,
                "Document the CDE and its data flows.", "Keep AWS's PCI DSS attestation current.",
                Owner.CUSTOMER, Owner.SHARED, Owner.SHARED, List.of("DSP-05"), List.of("pl-2"), "https://www.pcisecuritystandards.org/");
        var created = catalog.createOrganisationControl(draft);
        assertThat(created.data().code()).isEqualTo("ORG-PCI-01");
        assertThat(created.data().organisation()).isTrue();
        assertThat(catalog.findControls(new ControlFilter(model, null, null, null, "cardholder"), 0, 10))
                .extracting(control -> control.data().code()).containsExactly("ORG-PCI-01");

        var updated = catalog.updateOrganisationControl(created.id(), created.version(), new ControlDraft(draft.code(),
                "ORG", "CDE scoping", draft.description(), Owner.CUSTOMER, null, null, Owner.CUSTOMER, Owner.CUSTOMER,
                Owner.CUSTOMER, List.of(), List.of(), ""));
        assertThat(updated.data().title()).isEqualTo("CDE scoping");
        assertThatThrownBy(() -> catalog.updateOrganisationControl(created.id(), created.version(), draft))
                .isInstanceOf(com.demarc.shared.ConcurrentEditException.class).hasMessageContaining("manager");

        assertThatThrownBy(() -> catalog.createOrganisationControl(new ControlDraft("ORG-X-01", "ORG", "Half", "d",
                Owner.SHARED, "", "", Owner.SHARED, Owner.SHARED, Owner.SHARED, List.of(), List.of(), null)))
                .isInstanceOfSatisfying(UserFacingException.class,
                        e -> assertThat(e.problems()).anyMatch(p -> p.contains("both halves")));
        assertThatThrownBy(() -> catalog.createOrganisationControl(new ControlDraft("SRM-IAM-02", "IAM", "Clash", "d",
                Owner.CUSTOMER, null, null, Owner.CUSTOMER, Owner.CUSTOMER, Owner.CUSTOMER, List.of(), List.of(), null)))
                .isInstanceOfSatisfying(UserFacingException.class,
                        e -> assertThat(e.problems()).anyMatch(p -> p.contains("start with ORG-")));
    }

    @Test
    @WithUserDetails("manager")
    void managersEditServices() {
        var added = catalog.addService("app_runner", "AWS App Runner", ServiceCategory.ABSTRACTED);
        assertThat(added.code()).isEqualTo("APP_RUNNER");
        var moved = catalog.updateService(added.id(), added.version(), "AWS App Runner", ServiceCategory.CONTAINER);
        assertThat(moved.category()).isEqualTo(ServiceCategory.CONTAINER);
        assertThatThrownBy(() -> catalog.addService("EC2", "Duplicate", ServiceCategory.INFRASTRUCTURE))
                .isInstanceOf(UserFacingException.class).hasMessageContaining("exists already");
    }

    @Test
    @WithUserDetails("alice")
    void membersAndAuditorsCannotChangeTheCatalog() {
        assertThatThrownBy(() -> catalog.addService("X_SERVICE", "X", ServiceCategory.ABSTRACTED))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> catalog.createOrganisationControl(null)).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> catalog.importYaml(new java.io.StringReader(""))).isInstanceOf(AccessDeniedException.class);
    }

    @Test
    @WithUserDetails("auditor")
    void auditorsCannotChangeTheCatalogEither() {
        assertThatThrownBy(() -> catalog.addService("Y_SERVICE", "Y", ServiceCategory.ABSTRACTED))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> catalog.importCsv(new java.io.StringReader(""), "n", "v", java.time.LocalDate.now()))
                .isInstanceOf(AccessDeniedException.class);
    }
}
