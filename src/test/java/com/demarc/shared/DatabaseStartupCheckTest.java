package com.demarc.shared;

import com.demarc.Application;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** With no reachable database the app stops with one sentence that says what to do, not a stack trace. */
@ExtendWith(OutputCaptureExtension.class)
class DatabaseStartupCheckTest {

    @Test
    void anUnreachableDatabaseStopsTheStartWithOneClearSentence(CapturedOutput output) {
        var app = new SpringApplication(Application.class);
        assertThatThrownBy(() -> app.run("--spring.datasource.url=jdbc:postgresql://127.0.0.1:1/demarc",
                "--server.port=0", "--spring.main.web-application-type=none"))
                .hasMessageContaining("Cannot reach PostgreSQL");
        assertThat(output.getAll())
                .contains("Demarc cannot use its PostgreSQL database at jdbc:postgresql://127.0.0.1:1/demarc "
                        + "(nothing answered there): start PostgreSQL")
                .doesNotContain("\tat org.");
    }
}
