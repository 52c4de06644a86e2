package com.demarc.catalog;

import java.util.List;

/** One row of the AWS model summary table, its owner and the controls that realise it. */
public record SummaryRow(String code, String text, Owner owner, List<String> controlCodes) {
}
