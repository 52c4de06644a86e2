package com.demarc.catalog;

/** An AWS service a project can use, with the category that decides who owns what. */
public record AwsService(AwsServiceId id, String code, String name, ServiceCategory category, long version) {
}
