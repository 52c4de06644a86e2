package com.demarc.project;

import com.demarc.organization.TeamId;

import java.util.List;
import java.util.Set;

/** What a user enters to create or edit a project. */
public record ProjectDraft(TeamId teamId, String name, String description, List<String> awsAccountIds,
                           Set<Long> serviceIds) {
}
