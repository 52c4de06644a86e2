package com.demarc.catalog;

import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.util.List;

/**
 * What a control says: its code and domain, both halves of shared ones, its default owner and its owner per service
 * category, mapped framework ids, source, and who changed it last. {@code modelId} is null for organisation controls.
 */
public record ControlData(@Nullable ModelId modelId, boolean organisation, String code, String domainCode,
                          String domainName, String title, String description, Owner defaultOwner,
                          @Nullable String customerPart, @Nullable String awsPart, Owner infrastructure,
                          Owner container, Owner abstracted, List<String> ccmIds, List<String> nistIds,
                          String sourceUrl, List<String> seedRefs, Instant updatedAt, @Nullable String updatedBy) {
}
