package com.demarc.automation;

import com.demarc.catalog.AwsService;
import com.demarc.catalog.CatalogService;
import com.demarc.organization.UserDirectory;
import com.demarc.project.Project;
import com.demarc.project.ProjectControl;
import com.demarc.project.ProjectDraft;
import com.demarc.project.ProjectService;
import com.demarc.project.Status;
import com.demarc.raci.Assignee;
import com.demarc.raci.RaciEntry;
import com.demarc.raci.RaciRole;
import com.demarc.raci.RaciService;
import com.demarc.shared.Actors;
import com.demarc.shared.Role;
import com.demarc.support.Fixtures;
import org.springframework.stereotype.Component;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * Result files written from AWS's documented formats (src/test/resources/automation), filled in for a test's own
 * account and times, and projects that record an account.
 */
@Component
public class ResultFiles {
    private final ProjectService projects;
    private final CatalogService catalog;
    private final Fixtures fixtures;
    private final RaciService raci;
    private final UserDirectory users;

    ResultFiles(ProjectService projects, CatalogService catalog, Fixtures fixtures, RaciService raci, UserDirectory users) {
        this.projects = projects;
        this.catalog = catalog;
        this.fixtures = fixtures;
        this.raci = raci;
        this.users = users;
    }

    public static String randomAccount() {
        return String.valueOf(ThreadLocalRandom.current().nextLong(100_000_000_000L, 999_000_000_000L));
    }

    /** A new project of this team recording one AWS account. */
    public Project project(String team, String prefix, String account) {
        var ref = new AtomicReference<Project>();
        Actors.runAsSystem(Set.of(Role.MANAGER), () -> {
            var ids = catalog.services().stream().filter(s -> List.of("EC2", "S3").contains(s.code()))
                    .map(AwsService::id).collect(Collectors.toSet());
            ref.set(projects.create(new ProjectDraft(fixtures.team(team), prefix + " " + account, "automation test",
                    List.of(account), ids)));
        });
        return ref.get();
    }

    /** Makes a project control owned (alice A, the team R) and implemented, as the coverage rule needs. */
    public ProjectControl ownedAndImplemented(Project project, String code) {
        var ref = new AtomicReference<ProjectControl>();
        Actors.runAsSystem(Set.of(Role.MANAGER), () -> {
            var row = fixtures.row(project, code);
            var alice = users.findForLogin("alice").orElseThrow();
            raci.setRaci(row.id(), row.version(), List.of(new RaciEntry(RaciRole.A, Assignee.person(alice.id(), "Alice")),
                    new RaciEntry(RaciRole.R, Assignee.team(project.teamId(), project.teamName()))));
            var now = projects.control(row.id());
            projects.setStatus(row.id(), now.version(), Status.IMPLEMENTED, null, LocalDate.now().plusDays(30), "");
            ref.set(projects.control(row.id()));
        });
        return ref.get();
    }

    /** A template with {{ACCOUNT}}, {{NOW}}, {{UPDATED}} (and their _MS/_S epoch forms) and extra values filled in. */
    public static byte[] render(String resource, String account, Instant observed, Instant updated, Map<String, String> values) {
        String text;
        try (InputStream in = ResultFiles.class.getResourceAsStream("/automation/" + resource)) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        text = text.replace("{{ACCOUNT}}", account)
                .replace("{{NOW_MS}}", String.valueOf(observed.toEpochMilli()))
                .replace("{{UPDATED_MS}}", String.valueOf(updated.toEpochMilli()))
                .replace("{{UPDATED_S}}", updated.getEpochSecond() + ".5")
                .replace("{{NOW}}", observed.toString())
                .replace("{{UPDATED}}", updated.toString());
        for (var e : values.entrySet()) {
            text = text.replace("{{" + e.getKey() + "}}", e.getValue());
        }
        return text.getBytes(StandardCharsets.UTF_8);
    }

    public static InputStream stream(byte[] bytes) {
        return new ByteArrayInputStream(bytes);
    }
}
