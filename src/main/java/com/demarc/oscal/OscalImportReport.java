package com.demarc.oscal;

import com.demarc.catalog.ResponsibilityModel;

import java.util.List;

/** What an OSCAL import stored (the new model version and how many controls) and what it could not map. */
public record OscalImportReport(ResponsibilityModel model, int controls, List<String> notMapped) {
    public OscalImportReport {
        notMapped = List.copyOf(notMapped);
    }
}
