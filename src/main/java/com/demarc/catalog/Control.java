package com.demarc.catalog;

import java.time.Instant;
import java.util.List;

/** One duty of the model, with both halves of shared ones and its owner per service category. */
public record Control(ControlId id, ModelId modelId, boolean organisation, String code, String domainCode,
                      String domainName, String title, String description, Owner defaultOwner, String customerPart,
                      String awsPart, Owner infrastructure, Owner container, Owner abstracted, List<String> ccmIds,
                      List<String> nistIds, String sourceUrl, List<String> seedRefs, long version, Instant updatedAt,
                      String updatedBy) {

    public Owner ownerIn(ServiceCategory category) {
        return switch (category) {
            case INFRASTRUCTURE -> infrastructure;
            case CONTAINER -> container;
            case ABSTRACTED -> abstracted;
        };
    }
}
