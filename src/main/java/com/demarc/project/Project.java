package com.demarc.project;

import org.jspecify.annotations.Nullable;

import com.demarc.catalog.AwsService;
import com.demarc.catalog.ModelId;
import com.demarc.organization.TeamId;

import java.time.Instant;
import java.util.List;

/** A team's AWS workload: its accounts, the services it uses and the catalog version it follows. */
public record Project(ProjectId id, TeamId teamId, String teamName, String name, String description,
                      List<AwsAccountId> awsAccountIds, List<AwsService> services, ModelId modelId, String modelLabel,
                      boolean archived, long version, Instant updatedAt, @Nullable String updatedBy) {
}
