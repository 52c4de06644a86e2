package com.demarc.catalog.internal;

import com.demarc.catalog.Domain;
import com.demarc.catalog.Owner;
import com.demarc.catalog.SeedItem;
import com.demarc.catalog.ServiceCategory;
import com.demarc.catalog.SummaryRow;

import java.time.LocalDate;
import java.util.List;

/** A catalog file's content (YAML holds all of it; CSV holds the controls), validated before anything is stored. */
public record CatalogDocument(Header header, List<Domain> domains, List<ControlRow> controls, List<SeedItem> seedItems,
                              List<SummaryRow> summary, List<ServiceRow> services) {

    public record Header(String provider, String name, String version, LocalDate published, String source) {
    }

    public record ControlRow(int line, String code, String domain, String title, String description, Owner owner,
                             String customerPart, String awsPart, Owner infrastructure, Owner container,
                             Owner abstracted, List<String> ccm, List<String> nist, String source, List<String> seed) {
    }

    public record ServiceRow(String code, String name, ServiceCategory category) {
    }
}
