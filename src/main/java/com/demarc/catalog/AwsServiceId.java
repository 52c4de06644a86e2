package com.demarc.catalog;

/** Identifies an AWS service of the catalog ({@link AwsService}), as projects record the services they use. */
public record AwsServiceId(long value) {
}
