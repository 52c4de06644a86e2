package com.demarc.oscal.internal;

import com.demarc.oscal.OscalFormat;
import com.demarc.shared.Actors;
import com.demarc.shared.Role;
import com.demarc.support.DemarcTest;
import com.demarc.support.Fixtures;
import gov.nist.secauto.oscal.lib.model.SystemSecurityPlan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code --export-oscal}: writes a loadable SSP for a project named by id or name; a clear sentence and 1 otherwise. */
@DemarcTest
class ExportOscalCommandTest {
    @Autowired
    ExportOscalCommand command;
    @Autowired
    Fixtures fixtures;

    @Test
    void writesTheSspOfAProjectByIdOrNameAndSaysWhatToDoOtherwise(@TempDir Path dir) throws Exception {
        var project = fixtures.project("Payments", "Command", "EC2");
        var out = dir.resolve("ssp.json");
        var outcome = run(String.valueOf(project.id().value()), null, out.toString());
        assertThat(outcome.exitCode()).as(outcome.sentence()).isZero();
        SystemSecurityPlan ssp = OscalIo.read(Files.readAllBytes(out), SystemSecurityPlan.class, OscalFormat.JSON);
        assertThat(ssp.getSystemCharacteristics().getSystemName()).isEqualTo(project.name());

        var xml = dir.resolve("ssp.xml");
        assertThat(run(project.name(), "xml", xml.toString()).exitCode()).isZero();
        assertThat(Files.readString(xml)).contains("system-security-plan");

        var missing = run("No such project anywhere", null, dir.resolve("x.json").toString());
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.sentence()).contains("No project is called");
        assertThat(run(project.name(), "pdf", null).sentence()).contains("use --format=json, xml or yaml");
    }

    private ExportOscalCommand.Outcome run(String project, String format, String output) {
        var result = new AtomicReference<ExportOscalCommand.Outcome>();
        Actors.runAsSystem(Set.of(Role.MANAGER), () -> result.set(command.export(project, format, output)));
        return result.get();
    }
}
