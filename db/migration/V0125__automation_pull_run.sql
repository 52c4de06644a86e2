-- Module automation (issue 18, ADR 0023): one row per AWS account and scheduled pull run, what it brought in or why
-- it failed (wrong external id, throttled after the SDK's retries, no Security Hub), for admins and operators.
create table automation_pull_run (
    id              bigserial    primary key,
    account_id      varchar(12)  not null,
    started_at      timestamptz  not null,
    finished_at     timestamptz  not null,
    outcome         varchar(16)  not null check (outcome in ('SUCCEEDED', 'FAILED')),
    findings        int          not null default 0,
    config_results  int          not null default 0,
    imported        int          not null default 0,
    message         varchar(2000) not null default ''
);
create index automation_pull_run_account_idx on automation_pull_run (account_id, started_at desc);
