package com.demarc;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.router.Route;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The layering rules of ../shared/CONVENTIONS.md, checked on the compiled classes. */
class ArchitectureTest {
    static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("com.demarc");

    @Test
    void viewsNeverTouchRepositoriesOrSql() {
        ArchRule rule = noClasses().that().resideInAPackage("..ui..")
                .should().dependOnClassesThat().areAnnotatedWith(Repository.class)
                .orShould().dependOnClassesThat().resideInAPackage("..internal..")
                .orShould().dependOnClassesThat().areAssignableTo(JdbcClient.class)
                .orShould().dependOnClassesThat().resideInAPackage("org.springframework.jdbc..");
        rule.check(CLASSES);
    }

    @Test
    void routesLiveInUiPackages() {
        classes().that().areAnnotatedWith(Route.class).should().resideInAPackage("..ui..").check(CLASSES);
    }

    @Test
    void servicesDoNotDependOnVaadin() {
        noClasses().that().resideOutsideOfPackage("..ui..").and().resideOutsideOfPackage("com.demarc")
                .and().areNotAnnotatedWith(Configuration.class)
                .should().dependOnClassesThat().areAssignableTo(Component.class)
                .check(CLASSES);
    }

    @Test
    void modulesAreFreeOfCycles() {
        slices().matching("com.demarc.(*)..").should().beFreeOfCycles().check(CLASSES);
    }
}
