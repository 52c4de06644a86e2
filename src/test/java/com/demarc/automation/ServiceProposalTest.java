package com.demarc.automation;

import com.demarc.catalog.AwsService;
import com.demarc.project.ProjectService;
import com.demarc.shared.UserFacingException;
import com.demarc.support.DemarcTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.test.context.support.WithUserDetails;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Services proposed from AWS Config's discovered resource counts; accepting changes the project's services, audited. */
@DemarcTest
@WithUserDetails("manager")
class ServiceProposalTest {
    @Autowired
    ServiceProposalService proposals;
    @Autowired
    ResultFiles files;
    @Autowired
    ProjectService projects;
    @Autowired
    JdbcClient jdbc;

    static InputStream counts() {
        return ServiceProposalTest.class.getResourceAsStream("/automation/resource-counts.json");
    }

    static InputStream text(String json) {
        return new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8));
    }

    private static Set<String> codes(java.util.Collection<AwsService> services) {
        return services.stream().map(AwsService::code).collect(Collectors.toSet());
    }

    @Test
    void countsOfTwoPagesProposeServicesToAddAndRemoveAndListWhatTheyCannotMap() {
        var project = files.project("Payments", "Config", ResultFiles.randomAccount()); // records EC2 and S3
        var p = proposals.proposeServices(project.id(), counts());

        assertThat(p.resourcesCounted()).as("both pages summed").isEqualTo(71);
        assertThat(p.add()).extracting(u -> u.service().code()).containsExactly("EBS", "RDS", "VPC"); // by name
        var vpc = p.add().stream().filter(u -> u.service().code().equals("VPC")).findFirst().orElseThrow();
        assertThat(vpc.resources()).as("9 + 4 security groups + 2 VPCs").isEqualTo(15);
        assertThat(vpc.resourceTypes()).containsExactly("AWS::EC2::SecurityGroup", "AWS::EC2::VPC");
        assertThat(codes(p.remove())).as("no S3 bucket counted").containsExactly("S3");
        assertThat(p.keep()).extracting(u -> u.service().code()).containsExactly("EC2");
        assertThat(p.withoutService()).containsExactly(Map.entry("AWS::IAM::Role", 22L));
        assertThat(p.unknownTypes()).as("listed, not dropped").containsExactly(Map.entry("AWS::Quantum::Entangler", 5L));
        assertThat(p.mappingVersion()).isEqualTo("2026.12-1");
        assertThat(p.ownerChanges()).as("the project's own owner-change preview")
                .isEqualTo(projects.previewServices(project.id(), p.proposed()));
        assertThat(codes(projects.project(project.id()).services())).as("nothing changed yet").containsExactlyInAnyOrder("EC2", "S3");

        var saved = proposals.acceptServices(project.id(), p.projectVersion(), p.proposed());
        assertThat(codes(saved.services())).containsExactlyInAnyOrder("EC2", "EBS", "VPC", "RDS");
        assertThat(jdbc.sql("select count(*) from audit_log where action = 'PROJECT_UPDATED' and entity_id = :id")
                .param("id", String.valueOf(project.id().value())).query(Integer.class).single()).isEqualTo(1);
        assertThatThrownBy(() -> proposals.acceptServices(project.id(), p.projectVersion(), p.proposed()))
                .as("a proposal made before someone else's change").isInstanceOf(UserFacingException.class);

        var again = proposals.proposeServices(project.id(), counts());
        assertThat(again.changes()).as("accepted: the services match the counts").isFalse();
        assertThat(again.ownerChanges()).isEmpty();
    }

    @Test
    void countsFromAPullProposeTheSameWay() {
        var project = files.project("Payments", "Pull", ResultFiles.randomAccount());
        var p = proposals.proposeServices(project.id(), Map.of("AWS::S3::Bucket", 4L, "AWS::Lambda::Function", 7L,
                "AWS::EC2::Instance", 0L));
        assertThat(p.add()).extracting(u -> u.service().code()).containsExactly("LAMBDA");
        assertThat(codes(p.remove())).as("no instance left").containsExactly("EC2");
        assertThat(p.keep()).extracting(u -> u.service().code()).containsExactly("S3");
        assertThat(p.ownerChanges()).as("without EC2, AWS patches the guest OS").isNotEmpty()
                .isEqualTo(projects.previewServices(project.id(), p.proposed()));
    }

    @Test
    void badFilesAreRefusedWithWhatToDo() {
        var project = files.project("Payments", "Bad counts", ResultFiles.randomAccount());
        assertThatThrownBy(() -> proposals.proposeServices(project.id(), text("{\"resourceCounts\": [{\"resourceType\": \"AWS::EC2::Instance\", \"cou")))
                .isInstanceOf(UserFacingException.class).hasMessageContaining("truncated");
        assertThatThrownBy(() -> proposals.proposeServices(project.id(), text("resourceType,count\nAWS::EC2::Instance,3")))
                .isInstanceOf(UserFacingException.class).hasMessageContaining("get-discovered-resource-counts");
        assertThatThrownBy(() -> proposals.proposeServices(project.id(), text("{\"Findings\": []}")))
                .isInstanceOf(UserFacingException.class).hasMessageContaining("holds no resource counts");
        assertThatThrownBy(() -> proposals.proposeServices(project.id(), text("{\"resourceCounts\": [{\"resourceType\": \"AWS::EC2::Instance\", \"count\": -1}]}")))
                .isInstanceOf(UserFacingException.class).hasMessageContaining("AWS::EC2::Instance").hasMessageContaining("count");
        assertThatThrownBy(() -> proposals.proposeServices(project.id(), text("{\"resourceCounts\": [{\"resourceType\": \"ec2 instance\", \"count\": 2}]}")))
                .isInstanceOf(UserFacingException.class).hasMessageContaining("AWS::Service::Resource");
        assertThat(codes(projects.project(project.id()).services())).containsExactlyInAnyOrder("EC2", "S3");
    }

    @Test
    @WithUserDetails("bob")
    void aMemberOfAnotherTeamCannotProposeOrAccept() {
        var project = files.project("Payments", "Not bob's", ResultFiles.randomAccount());
        assertThatThrownBy(() -> proposals.proposeServices(project.id(), counts())).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> proposals.acceptServices(project.id(), 0, Set.of())).isInstanceOf(AccessDeniedException.class);
    }
}
