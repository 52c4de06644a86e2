package com.demarc.raci;

import com.demarc.organization.TeamId;
import com.demarc.organization.UserId;
import org.jspecify.annotations.Nullable;

/**
 * A person or a team holding a RACI letter (Accountable must be a person). Exactly one of {@code user} and
 * {@code team} is set — except in a template, where neither is: "the project's team", resolved when applied.
 */
public record Assignee(@Nullable UserId user, @Nullable TeamId team, String label) {
    public static Assignee person(UserId user, String label) {
        return new Assignee(user, null, label);
    }

    public static Assignee team(TeamId team, String label) {
        return new Assignee(null, team, label);
    }

    /** In a template: whatever team owns the project the template is applied to. */
    public static Assignee projectTeam() {
        return new Assignee(null, null, "the project's team");
    }

    public boolean isProjectTeam() {
        return user == null && team == null;
    }

    public boolean isPerson() {
        return user != null;
    }

    /** Same person or team, whatever the label. */
    public boolean sameAs(Assignee other) {
        return java.util.Objects.equals(user, other.user) && java.util.Objects.equals(team, other.team);
    }
}
