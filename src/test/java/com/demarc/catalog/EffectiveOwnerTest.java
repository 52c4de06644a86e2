package com.demarc.catalog;

import com.demarc.support.DemarcTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithUserDetails;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The effective-owner rule (ADR 0004) on the shipped catalog, one row per control × set of services. */
@DemarcTest
@WithUserDetails("manager")
class EffectiveOwnerTest {
    @Autowired
    CatalogService catalog;

    @ParameterizedTest(name = "{0} with [{1}] → {2}")
    @CsvSource(delimiter = '|', value = {
            // guest OS patching: the customer's with EC2, AWS's with only RDS or Lambda
            "SRM-PLAT-02 | EC2              | CUSTOMER",
            "SRM-PLAT-02 | RDS              | AWS",
            "SRM-PLAT-02 | S3 LAMBDA        | AWS",
            "SRM-PLAT-02 | EC2 RDS S3       | CUSTOMER",
            "SRM-PLAT-02 |                  | CUSTOMER",
            // database patching: a database on EC2 is the customer's, RDS is patched by AWS
            "SRM-PLAT-05 | EC2              | CUSTOMER",
            "SRM-PLAT-05 | RDS              | AWS",
            "SRM-PLAT-05 | S3 LAMBDA        | AWS",
            "SRM-PLAT-05 | EC2 RDS S3       | CUSTOMER",
            "SRM-PLAT-05 |                  | AWS",
            // managed runtimes: no duty on plain EC2, shared on managed platforms
            "SRM-PLAT-06 | EC2              | NOT_APPLICABLE",
            "SRM-PLAT-06 | RDS              | SHARED",
            "SRM-PLAT-06 | S3 LAMBDA        | SHARED",
            "SRM-PLAT-06 | EC2 RDS S3       | SHARED",
            "SRM-PLAT-06 |                  | SHARED",
            // network traffic protection: customer on EC2, shared on abstracted endpoints
            "SRM-DATA-07 | EC2              | CUSTOMER",
            "SRM-DATA-07 | RDS              | CUSTOMER",
            "SRM-DATA-07 | S3 LAMBDA        | SHARED",
            "SRM-DATA-07 | EC2 RDS S3       | CUSTOMER",
            // security groups: not applicable to purely abstracted services
            "SRM-NET-02  | S3 LAMBDA        | NOT_APPLICABLE",
            "SRM-NET-02  | EC2 RDS S3       | CUSTOMER",
            // physical security is AWS's whatever the services
            "SRM-AWS-02  | EC2              | AWS",
            "SRM-AWS-02  | S3 LAMBDA        | AWS",
            "SRM-AWS-02  | EC2 RDS S3       | AWS",
            "SRM-AWS-02  |                  | AWS",
            // the customer's data is the customer's whatever the services
            "SRM-DATA-01 | S3 LAMBDA        | CUSTOMER",
    })
    void ownerFollowsTheServicesInUse(String code, String services, Owner expected) {
        var model = Shipped.model(catalog);
        var control = catalog.controlsFor(model.id()).stream().filter(c -> c.data().code().equals(code)).findFirst().orElseThrow();
        var used = services(services);
        var effective = EffectiveOwner.of(control, used);
        assertThat(effective.owner()).isEqualTo(expected);
        assertThat(effective.reason()).isNotBlank();
    }

    @org.junit.jupiter.api.Test
    void theReasonNamesTheServiceThatPutsTheDutyOnTheCustomer() {
        var model = Shipped.model(catalog);
        var patching = catalog.controlsFor(model.id()).stream().filter(c -> c.data().code().equals("SRM-PLAT-02")).findFirst().orElseThrow();
        var reason = EffectiveOwner.of(patching, services("EC2 RDS LAMBDA")).reason();
        assertThat(reason).contains("EC2 (infrastructure) puts it on the customer")
                .contains("RDS (container) leaves it to AWS").contains("LAMBDA (abstracted) leaves it to AWS");
    }

    private List<AwsService> services(String codes) {
        var wanted = codes == null ? List.<String>of() : Arrays.asList(codes.strip().split("\\s+"));
        var found = catalog.services().stream().filter(s -> wanted.contains(s.code())).toList();
        assertThat(found).hasSize(wanted.size());
        return found;
    }
}
