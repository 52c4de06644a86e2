package com.demarc;

import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.component.page.Meta;
import com.vaadin.flow.theme.lumo.Lumo;
import com.vaadin.flow.component.dependency.StyleSheet;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;

import java.time.Clock;

/** Demarc: who owns our half of the AWS Shared Responsibility Model, is it done, and where is the proof. */
@SpringBootApplication
@org.springframework.boot.context.properties.ConfigurationPropertiesScan
@EnableScheduling
@StyleSheet(Lumo.STYLESHEET)
@StyleSheet("styles/app.css")
@Meta(name = "description", content = "Demarc — AWS shared responsibility, owned and evidenced")
public class Application implements AppShellConfigurator {

    public static void main(String[] args) {
        var app = new SpringApplication(Application.class);
        if (java.util.Arrays.stream(args).anyMatch(a -> a.equals("--verify-audit-log") || a.startsWith("--generate-scale")
                || a.startsWith("--export-oscal") || a.equals("--verify-evidence") || a.equals("--migrate-evidence"))) {
            // a command, not a server: no web server
            app.setWebApplicationType(org.springframework.boot.WebApplicationType.NONE);
            app.setDefaultProperties(java.util.Map.of("spring.autoconfigure.exclude",
                    "com.vaadin.flow.spring.SpringBootAutoConfiguration,com.vaadin.flow.spring.SpringSecurityAutoConfiguration"));
        }
        app.run(args);
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
