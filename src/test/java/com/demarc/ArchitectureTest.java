package com.demarc;

import com.demarc.shared.UserFacingException;
import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
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

    /**
     * One module owns each route path ({@code /projects} and {@code /projects/42}, a {@code HasUrlParameter} of the same
     * path, alike); an area such as {@code admin/…} may hold pages of several modules.
     */
    @Test
    void eachRouteBelongsToOneModule() {
        var modules = new java.util.TreeMap<String, java.util.Set<String>>();
        CLASSES.stream().filter(c -> c.isAnnotatedWith(Route.class)).forEach(c -> {
            var segment = c.getAnnotationOfType(Route.class).value().replaceAll("/:[^/]+", "");
            var module = c.getPackageName().replaceFirst("^com\\.demarc\\.([^.]+).*", "$1");
            modules.computeIfAbsent(segment, k -> new java.util.TreeSet<>()).add(module);
        });
        modules.values().removeIf(m -> m.size() == 1);
        org.assertj.core.api.Assertions.assertThat(modules).as("routes declared by more than one module").isEmpty();
    }

    @Test
    void servicesDoNotDependOnVaadin() {
        noClasses().that().resideOutsideOfPackage("..ui..").and().resideOutsideOfPackage("com.demarc")
                .and().areNotAnnotatedWith(Configuration.class)
                .should().dependOnClassesThat().areAssignableTo(Component.class)
                .check(CLASSES);
    }

    /**
     * Views do not catch {@code UserFacingException} (nor {@code ConcurrentEditException}): refusals reach the one
     * session error handler ({@code shared.ui.MainErrorHandler}), which shows them the same way everywhere. The one
     * exception is {@code shared.ui.RefusingUploadHandler}: Vaadin does not pass what an upload handler throws to the
     * session error handler, so that base class rejects the file and hands the failure on to it.
     */
    static final String UPLOAD_BRIDGE = "com.demarc.shared.ui.RefusingUploadHandler";

    @Test
    void viewsDoNotCatchUserFacingExceptions() {
        classes().that().resideInAPackage("..ui..")
                .and(new DescribedPredicate<JavaClass>("are not the upload handlers' bridge to the error handler") {
                    @Override
                    public boolean test(JavaClass c) {
                        return !c.getName().equals(UPLOAD_BRIDGE);
                    }
                })
                .should(new ArchCondition<JavaClass>("not catch UserFacingException") {
                    @Override
                    public void check(JavaClass c, ConditionEvents events) {
                        for (var unit : c.getCodeUnits()) {
                            for (var block : unit.getTryCatchBlocks()) {
                                if (block.getCaughtThrowables().stream().anyMatch(t -> t.isAssignableTo(UserFacingException.class))) {
                                    events.add(SimpleConditionEvent.violated(c, c.getName() + " catches UserFacingException in "
                                            + unit.getName() + " " + block.getSourceCodeLocation()
                                            + ": let the session error handler show it (MainErrorHandler)"));
                                }
                            }
                        }
                    }
                })
                .check(CLASSES);
    }

    @Test
    void modulesAreFreeOfCycles() {
        slices().matching("com.demarc.(*)..").should().beFreeOfCycles().check(CLASSES);
    }
}
