package com.demarc.catalog;

import com.demarc.shared.Actors;
import com.demarc.shared.Role;
import com.demarc.support.ModuleTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.modulith.test.Scenario;

import java.io.StringReader;
import java.io.StringWriter;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** The catalog module alone: what it tells the others when a new model version arrives. */
@ModuleTest
class CatalogModuleTest {
    @Autowired
    CatalogService catalog;

    @Test
    void importingAVersionPublishesItWithItsControls(Scenario scenario) {
        var shippedRef = new AtomicReference<ResponsibilityModel>();
        var controls = new AtomicInteger();
        var yaml = new StringWriter();
        Actors.runAsSystem(Set.of(Role.MANAGER), () -> {
            shippedRef.set(Shipped.model(catalog));
            catalog.exportYaml(shippedRef.get().id(), yaml);
            controls.set(catalog.controlsFor(shippedRef.get().id()).size());
        });
        var shipped = shippedRef.get();
        // dated in the past: the newest version is what new projects follow, and other tests expect the shipped one
        String renamed = yaml.toString()
                .replace("version: '" + shipped.version() + "'", "version: module-test")
                .replace("version: \"" + shipped.version() + "\"", "version: module-test")
                .replace("published: '" + shipped.published() + "'", "published: '2020-01-01'");
        assertThat(renamed).contains("version: module-test").contains("published: '2020-01-01'");

        var imported = new AtomicReference<ResponsibilityModel>();
        scenario.stimulate(() -> Actors.runAsSystem(Set.of(Role.MANAGER),
                        () -> imported.set(catalog.importYaml(new StringReader(renamed)))))
                .andWaitForEventOfType(CatalogVersionImported.class)
                .matching(e -> e.label().endsWith("module-test"))
                .toArriveAndVerify(e -> {
                    assertThat(e.model()).isEqualTo(imported.get().id());
                    assertThat(e.controls()).isEqualTo(controls.get()).isPositive();
                });
    }
}
