package com.demarc.catalog.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Loads the shipped catalog file (src/main/resources/catalog/aws-srm.yaml) at start-up, once per version: a
 * version already in the database is left alone, so projects never change silently (ADR 0004).
 */
@Component
@Order(1)
class ShippedCatalogLoader implements ApplicationRunner {
    static final String LOCATION = "catalog/aws-srm.yaml";
    private static final Logger log = LoggerFactory.getLogger(ShippedCatalogLoader.class);

    private final CatalogStore store;
    private final CatalogRepository repository;

    ShippedCatalogLoader(CatalogStore store, CatalogRepository repository) {
        this.store = store;
        this.repository = repository;
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        CatalogDocument doc;
        try (var in = new InputStreamReader(new ClassPathResource(LOCATION).getInputStream(), StandardCharsets.UTF_8)) {
            doc = CatalogYaml.read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("The shipped catalog " + LOCATION + " cannot be read", e);
        }
        var h = doc.header();
        var existing = repository.hashOf(h.provider(), h.version());
        if (existing.isEmpty()) {
            store.store(doc, "system");
            log.info("Loaded the shipped catalog {} {}: {} controls", h.name(), h.version(), doc.controls().size());
        } else if (!existing.get().equals(CatalogStore.hash(doc))) {
            log.warn("The shipped catalog {} {} differs from the one loaded before; it was not reloaded. "
                    + "Give a changed catalog a new version.", h.name(), h.version());
        }
        int added = repository.insertMissingServices(doc.services(), "system");
        if (added > 0) {
            log.info("Added {} AWS services from the shipped catalog", added);
        }
    }
}
