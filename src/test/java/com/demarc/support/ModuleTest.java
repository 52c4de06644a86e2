package com.demarc.support;

import org.springframework.context.annotation.Import;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.test.context.ActiveProfiles;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A Spring Modulith module test: only the test's module and the modules it depends on (no listeners of other modules,
 * so a test sees what its module publishes, not what the others do with it), on the real test database with the demo
 * data (add {@code @Import(Fixtures.class)} where the module sees projects).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ApplicationModuleTest(mode = ApplicationModuleTest.BootstrapMode.ALL_DEPENDENCIES)
@ActiveProfiles({"test", "demo"})
@Import(TestDatabaseConfiguration.class)
public @interface ModuleTest {
}
