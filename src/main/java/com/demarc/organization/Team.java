package com.demarc.organization;

import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.util.List;

/** A team with its members. Projects belong to teams; members work on their teams' projects. */
public record Team(TeamId id, String name, String description, List<UserRef> members, long version,
                   Instant updatedAt, @Nullable String updatedBy) {
}
