package com.demarc.oscal.internal;

import com.demarc.oscal.OscalFile;
import com.demarc.oscal.OscalFormat;
import com.demarc.oscal.OscalService;
import com.demarc.project.Project;
import com.demarc.project.ProjectId;
import com.demarc.project.ProjectService;
import com.demarc.shared.Actors;
import com.demarc.shared.Role;
import com.demarc.shared.UserFacingException;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ApplicationContext;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code java -jar demarc.jar --export-oscal=<project id or name> [--format=json|xml|yaml] [--output=<file>]}: writes
 * the project's OSCAL SSP (default: its usual file name in the current directory), prints where, exits 0; or prints
 * what to do and exits 1. Runs as the system with a manager's read rights; audited like a download. No web server.
 */
@Component
@Order(Integer.MIN_VALUE + 1)
class ExportOscalCommand implements ApplicationRunner {
    static final String OPTION = "export-oscal";

    record Outcome(int exitCode, String sentence) {
    }

    private final OscalService oscal;
    private final ProjectService projects;
    private final ApplicationContext context;

    ExportOscalCommand(OscalService oscal, ProjectService projects, ApplicationContext context) {
        this.oscal = oscal;
        this.projects = projects;
        this.context = context;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!args.containsOption(OPTION)) {
            return;
        }
        var result = new Object() {
            Outcome outcome;
        };
        Actors.runAsSystem(Set.of(Role.MANAGER), () -> result.outcome = export(first(args, OPTION), first(args, "format"),
                first(args, "output")));
        System.out.println(result.outcome.sentence());
        System.exit(SpringApplication.exit(context, () -> result.outcome.exitCode()));
    }

    private static String first(ApplicationArguments args, String name) {
        List<String> values = args.getOptionValues(name);
        return values == null || values.isEmpty() ? null : values.getFirst();
    }

    Outcome export(String project, String format, String output) {
        if (project == null || project.isBlank()) {
            return new Outcome(1, "Name the project: --export-oscal=<project id or exact name>.");
        }
        OscalFormat f;
        try {
            f = format == null ? OscalFormat.JSON : OscalFormat.valueOf(format.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return new Outcome(1, "Unknown format " + format + ": use --format=json, xml or yaml.");
        }
        try {
            Project p = find(project.strip());
            OscalFile file = oscal.exportSsp(p.id(), f);
            Path target = Path.of(output == null ? file.fileName() : output);
            Files.write(target, file.bytes());
            return new Outcome(0, "Wrote the OSCAL SSP of " + p.name() + " to " + target.toAbsolutePath() + " ("
                    + file.bytes().length + " bytes).");
        } catch (UserFacingException e) {
            return new Outcome(1, e.getMessage());
        } catch (IOException e) {
            return new Outcome(1, "Cannot write " + output + " (" + e.getMessage() + "): give a writable --output=<file>.");
        }
    }

    private Project find(String project) {
        if (project.matches("\\d{1,18}")) {
            try {
                return projects.project(new ProjectId(Long.parseLong(project)));
            } catch (UserFacingException | java.util.NoSuchElementException
                     | org.springframework.security.access.AccessDeniedException e) {
                // not an id after all: try it as a name
            }
        }
        var matches = projects.findProjects(project, true, 0, 50).stream()
                .filter(p -> p.name().equalsIgnoreCase(project)).toList();
        if (matches.size() == 1) {
            return matches.getFirst();
        }
        throw new UserFacingException(matches.isEmpty()
                ? "No project is called " + project + ": give its id or exact name (see the Projects page)."
                : matches.size() + " projects are called " + project + ": give the project's id instead.");
    }
}
