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
 * data (add {@code @Import(Fixtures.class)} where the module sees projects). Tagged, see {@link #TAG}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@org.junit.jupiter.api.Tag(ModuleTest.TAG)
@ApplicationModuleTest(mode = ApplicationModuleTest.BootstrapMode.ALL_DEPENDENCIES)
@ActiveProfiles({"test", "demo"})
@Import(TestDatabaseConfiguration.class)
public @interface ModuleTest {
    /**
     * Module tests run in their own JVM (surefire execution {@code module-tests}), on a freshly cleaned database:
     * without the other modules' listeners they leave data the rest would see as inconsistent (projects without
     * coverage rollups), and their contexts install their own security-context strategies.
     */
    String TAG = "module-test";
}
