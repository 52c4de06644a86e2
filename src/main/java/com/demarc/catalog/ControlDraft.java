package com.demarc.catalog;

import java.util.List;

/** What a manager enters for an organisation control: the same fields as the model's controls. */
public record ControlDraft(String code, String domainCode, String title, String description, Owner defaultOwner,
                           String customerPart, String awsPart, Owner infrastructure, Owner container,
                           Owner abstracted, List<String> ccmIds, List<String> nistIds, String sourceUrl) {
}
