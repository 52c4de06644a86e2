package com.demarc.automation;

import com.demarc.catalog.ModelId;
import org.jspecify.annotations.Nullable;

import java.util.List;

/** One Security Hub control and the catalog controls a PASSED result of it evidences, in one catalog version. */
public record CheckMapping(ModelId modelId, String checkId, @Nullable String configRule, String awsService,
                           String severity, List<String> controlCodes, String confidence, String note, long version) {
    public CheckMapping {
        controlCodes = List.copyOf(controlCodes);
    }
}
