package com.demarc.evidence.internal;

import com.demarc.project.ProjectControlId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.util.List;
import java.util.Optional;

/** SQL for evidence transfers: the per-control upload lock, retried uploads, and attestation scope. */
@Repository
public class TransferQueries {
    private final JdbcClient jdbc;

    TransferQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Serialises uploads to one control until the transaction ends, so a retry cannot race its original. */
    public void lockControlForUpload(ProjectControlId control) {
        jdbc.sql("select pg_advisory_xact_lock(hashtextextended('demarc.evidence.upload:' || :id, 0))")
                .param("id", control.value()).query(Object.class).single();
    }

    /** The file item of this control whose current version has this name and content, if any. */
    public Optional<Long> itemWithCurrentContent(ProjectControlId control, String fileName, String sha256) {
        return jdbc.sql("""
                        select i.id from evidence_item i join evidence_version v on v.item_id = i.id
                         where i.project_control_id = :pc and i.kind = 'FILE' and v.sha256 = :sha and v.file_name = :name
                           and v.version_no = (select max(x.version_no) from evidence_version x where x.item_id = i.id)
                         order by i.id limit 1""")
                .param("pc", control.value()).param("sha", sha256).param("name", fileName).query(Long.class).optional();
    }

    /** The SHA-256 of the item's current version (null for a link). */
    public Optional<String> currentSha256(long item) {
        return jdbc.sql("select sha256 from evidence_version where item_id = :i order by version_no desc limit 1")
                .param("i", item).query(String.class).optional();
    }

    /** Whether the attestation is linked to a control of a project of one of these teams. */
    public boolean attestationLinkedToTeams(long attestation, List<Long> teams) {
        return jdbc.sql("""
                        select exists (select 1 from attestation_link l join project_control_v pc on pc.id = l.project_control_id
                                         join project_v p on p.id = pc.project_id
                                        where l.attestation_id = :a and p.team_id = any(:teams))""")
                .param("a", attestation).param("teams", teams.toArray(Long[]::new)).query(Boolean.class).single();
    }
}
