package com.demarc.project;

import com.demarc.catalog.Owner;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Which project controls a register or matrix shows; null fields mean "any". */
public record ControlQuery(ProjectId project, Long teamId, String domainCode, Owner owner, Status status,
                           String text) {

    /** A SQL condition over {@code pc} (project_control), {@code p} (project) and {@code c} (control), with its parameters. */
    public record SqlFilter(String sql, Map<String, Object> params) {
    }

    /** This query as a SQL filter, limited to the given teams (null = all teams). */
    public SqlFilter toSql(List<Long> teams) {
        var sql = new StringBuilder(" where true");
        Map<String, Object> p = new LinkedHashMap<>();
        if (project != null) {
            sql.append(" and pc.project_id = :project");
            p.put("project", project.value());
        } else {
            sql.append(" and not p.archived");
        }
        if (teamId != null) {
            sql.append(" and p.team_id = :team");
            p.put("team", teamId);
        }
        if (teams != null) {
            sql.append(" and p.team_id = any(:teams)");
            p.put("teams", teams.toArray(Long[]::new));
        }
        if (domainCode != null) {
            sql.append(" and c.domain_code = :domain");
            p.put("domain", domainCode);
        }
        if (owner != null) {
            sql.append(" and pc.owner = :owner");
            p.put("owner", owner.name());
        }
        if (status != null) {
            sql.append(" and pc.status = :status");
            p.put("status", status.name());
        }
        if (text != null && !text.isBlank()) {
            sql.append(" and (c.code ilike :text or c.title ilike :text)");
            p.put("text", "%" + text.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
        return new SqlFilter(sql.toString(), p);
    }
}
