package com.demarc.project;

import org.jspecify.annotations.Nullable;

import com.demarc.catalog.Owner;
import com.demarc.organization.TeamId;
import com.demarc.organization.TeamScope;

import com.demarc.shared.SqlFilter;


/** Which project controls a register or matrix shows; null fields mean "any". */
public record ControlQuery(@Nullable ProjectId project, @Nullable TeamId teamId, @Nullable String domainCode,
                           @Nullable Owner owner, @Nullable Status status, @Nullable String text) {

    /** This query as a SQL filter over {@code pc} (project_control), {@code p} (project) and {@code c} (control),
     * limited to the given teams. */
    public SqlFilter toSql(TeamScope teams) {
        return (project != null ? SqlFilter.all().and("pc.project_id = :project", "project", project.value())
                : SqlFilter.where("not p.archived"))
                .and("p.team_id = :team", "team", teamId == null ? null : teamId.value())
                .and("p.team_id = any(:teams)", "teams", teams.sqlIds())
                .and("c.domain_code = :domain", "domain", domainCode)
                .and("pc.owner = :owner", "owner", owner)
                .and("pc.status = :status", "status", status)
                .andLike("(c.code ilike :text or c.title ilike :text)", "text", text);
    }
}
