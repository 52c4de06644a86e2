package com.demarc.project;

import org.jspecify.annotations.Nullable;

import com.demarc.catalog.AwsServiceId;
import com.demarc.organization.TeamId;

import java.util.List;
import java.util.Set;

/** What a user enters to create or edit a project. */
public record ProjectDraft(@Nullable TeamId teamId, @Nullable String name, @Nullable String description,
                           @Nullable List<String> awsAccountIds, @Nullable Set<AwsServiceId> serviceIds) {
}
