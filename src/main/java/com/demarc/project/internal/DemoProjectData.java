package com.demarc.project.internal;

import com.demarc.catalog.AwsService;
import com.demarc.catalog.CatalogService;
import com.demarc.organization.OrganizationService;
import com.demarc.organization.Team;
import com.demarc.project.ProjectDraft;
import com.demarc.project.ProjectService;
import com.demarc.shared.Actors;
import com.demarc.shared.Role;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Demo projects of the two demo teams (profile {@code demo} only); a project that exists is left alone. */
@Component
@Profile("demo")
@Order(20)
class DemoProjectData implements ApplicationRunner {
    record DemoProject(String team, String name, String description, List<String> accounts, List<String> services) {
    }

    static final List<DemoProject> PROJECTS = List.of(
            new DemoProject("Payments", "Checkout API", "Card checkout for the web shop: EC2 fleet behind a load balancer, RDS PostgreSQL.",
                    List.of("111122223333"), List.of("EC2", "EBS", "VPC", "ELB", "RDS", "S3", "CLOUDFRONT", "KMS", "CLOUDTRAIL")),
            new DemoProject("Payments", "Card Vault", "Tokenisation service, fully serverless.",
                    List.of("444455556666"), List.of("LAMBDA", "API_GATEWAY", "DYNAMODB", "KMS", "SECRETS_MANAGER")),
            new DemoProject("Data Platform", "Data Lake", "Raw and curated zones on S3, Spark on EMR, ad-hoc SQL with Athena.",
                    List.of("777788889999"), List.of("S3", "GLACIER", "EMR", "ATHENA", "KINESIS", "KMS")),
            new DemoProject("Data Platform", "Reporting", "Management reporting on Redshift.",
                    List.of(), List.of("REDSHIFT", "LAMBDA", "S3")));

    private final ProjectService projects;
    private final ProjectRepository repository;
    private final OrganizationService organization;
    private final CatalogService catalog;

    DemoProjectData(ProjectService projects, ProjectRepository repository, OrganizationService organization,
                    CatalogService catalog) {
        this.projects = projects;
        this.repository = repository;
        this.organization = organization;
        this.catalog = catalog;
    }

    @Override
    public void run(ApplicationArguments args) {
        Actors.runAsSystem(Set.of(Role.MANAGER), () -> {
            var teams = organization.findTeams().stream().collect(Collectors.toMap(Team::name, Team::id));
            var services = catalog.services().stream().collect(Collectors.toMap(AwsService::code, AwsService::id));
            for (DemoProject demo : PROJECTS) {
                var team = teams.get(demo.team());
                if (team == null || repository.findByName(team, demo.name()).isPresent()) {
                    continue;
                }
                projects.create(new ProjectDraft(team, demo.name(), demo.description(), demo.accounts(),
                        demo.services().stream().map(services::get).filter(java.util.Objects::nonNull)
                                .collect(Collectors.toSet())));
            }
        });
    }
}
