package com.demarc.automation.internal;

import com.demarc.automation.AutomationSettings;
import com.demarc.automation.CheckMappingService;
import com.demarc.catalog.CatalogService;
import com.demarc.catalog.ResponsibilityModel;
import com.demarc.shared.Actors;
import com.demarc.shared.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * After the shipped catalog is loaded: gives every catalog version without a check mapping the shipped one (once per
 * version, never overwriting an edited mapping), and writes the freshness window the coverage view reads.
 */
@Component
@Order(2)
class AutomationStartup implements ApplicationRunner {
    private static final Logger log = LoggerFactory.getLogger(AutomationStartup.class);

    private final CatalogService catalog;
    private final CheckMappingService mapping;
    private final AutomationRepository repository;
    private final AutomationSettings settings;

    AutomationStartup(CatalogService catalog, CheckMappingService mapping, AutomationRepository repository,
                      AutomationSettings settings) {
        this.catalog = catalog;
        this.mapping = mapping;
        this.repository = repository;
        this.settings = settings;
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        repository.setFreshness(settings.freshness());
        List<ResponsibilityModel> models = new ArrayList<>();
        Actors.runAsSystem(Set.of(Role.MANAGER), () -> models.addAll(catalog.models()));
        for (var model : models) {
            if (mapping.ensureShippedMapping(model.id())) {
                log.info("Loaded the shipped Security Hub / AWS Config check mapping for {}", model.label());
            }
        }
    }
}
