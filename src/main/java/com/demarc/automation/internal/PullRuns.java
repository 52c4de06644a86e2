package com.demarc.automation.internal;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

/** The record of scheduled pulls: one row per AWS account and run (table automation_pull_run). */
@Repository
public class PullRuns {
    private final JdbcClient jdbc;

    PullRuns(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One account's part of a run: what came in, or why nothing did. */
    public record Run(String accountId, Instant startedAt, Instant finishedAt, boolean succeeded, int findings,
                      int configResults, int imported, String message) {
    }

    void record(Run run) {
        String message = run.message().length() > 2000 ? run.message().substring(0, 2000) : run.message();
        jdbc.sql("""
                insert into automation_pull_run (account_id, started_at, finished_at, outcome, findings, config_results,
                                                 imported, message)
                values (:a, :s, :f, :o, :n, :c, :i, :m)""")
                .param("a", run.accountId()).param("s", Timestamp.from(run.startedAt()))
                .param("f", Timestamp.from(run.finishedAt())).param("o", run.succeeded() ? "SUCCEEDED" : "FAILED")
                .param("n", run.findings()).param("c", run.configResults()).param("i", run.imported())
                .param("m", message).update();
    }

    /** The newest runs of one account, newest first. */
    public List<Run> latest(String accountId, int limit) {
        return jdbc.sql("""
                select account_id, started_at, finished_at, outcome, findings, config_results, imported, message
                from automation_pull_run where account_id = :a order by started_at desc, id desc limit :l""")
                .param("a", accountId).param("l", limit)
                .query((rs, i) -> new Run(rs.getString(1), rs.getTimestamp(2).toInstant(), rs.getTimestamp(3).toInstant(),
                        "SUCCEEDED".equals(rs.getString(4)), rs.getInt(5), rs.getInt(6), rs.getInt(7), rs.getString(8)))
                .list();
    }
}
