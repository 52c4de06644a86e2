-- Coverage at scale (issue 8, ADR 0009). At a million project controls the view is too slow to read for every gap list
-- and the per-project rollups too many to sum for every dashboard, so:
--   coverage_state        the rule's result per project control, kept like the rollups (refreshed for a project in
--                         the transaction that changes it, for all projects nightly); gap lists page over it by index
--   coverage_team_rollup  the project rollups summed per team, refreshed for the teams of the changed projects;
--                         the organisation's dashboard sums these (one row per team × domain × owner)
create table coverage_state (
    project_control_id bigint      primary key references project_control (id) on delete cascade,
    project_id         bigint      not null references project (id) on delete cascade,
    team_id            bigint      not null,
    code               varchar(40) not null,
    domain_code        varchar(12) not null,
    owner              varchar(16) not null,
    state              varchar(20) not null,
    expiring           boolean     not null,
    overdue            boolean     not null,
    expired            boolean     not null
);
-- by project (refresh) and, walking projects by name, a page of gaps in one state
create index coverage_state_project_idx on coverage_state (project_id, state);
create index coverage_state_state_idx on coverage_state (state, team_id);
create index coverage_state_flagged_idx on coverage_state (team_id) where expiring or expired or overdue;

-- one row per team × domain × owner with the states as columns, so summing them is plain sums over few rows
create table coverage_team_rollup (
    team_id             bigint      not null,
    domain_code         varchar(12) not null,
    owner               varchar(16) not null,
    applicable          int         not null,
    covered             int         not null,
    unowned             int         not null,
    not_implemented     int         not null,
    no_evidence         int         not null,
    attestation_missing int         not null,
    expiring            int         not null,
    overdue             int         not null,
    expired             int         not null,
    primary key (team_id, domain_code, owner)
);

create table coverage_team_summary_rollup (
    team_id             bigint      not null,
    row_code            varchar(12) not null,
    applicable          int         not null,
    covered             int         not null,
    unowned             int         not null,
    not_implemented     int         not null,
    no_evidence         int         not null,
    attestation_missing int         not null,
    primary key (team_id, row_code)
);

insert into coverage_state (project_control_id, project_id, team_id, code, domain_code, owner, state, expiring, overdue, expired)
select project_control_id, project_id, team_id, code, domain_code, owner, state, expiring, overdue, expired from coverage_state_v;

insert into coverage_team_rollup
select team_id, domain_code, owner,
       coalesce(sum(controls) filter (where state <> 'NOT_APPLICABLE'), 0), coalesce(sum(controls) filter (where state = 'COVERED'), 0),
       coalesce(sum(controls) filter (where state = 'UNOWNED'), 0), coalesce(sum(controls) filter (where state = 'NOT_IMPLEMENTED'), 0),
       coalesce(sum(controls) filter (where state = 'NO_EVIDENCE'), 0), coalesce(sum(controls) filter (where state = 'ATTESTATION_MISSING'), 0),
       sum(expiring), sum(overdue), sum(expired)
  from coverage_rollup group by team_id, domain_code, owner;

insert into coverage_team_summary_rollup
select team_id, row_code,
       coalesce(sum(controls) filter (where state <> 'NOT_APPLICABLE'), 0), coalesce(sum(controls) filter (where state = 'COVERED'), 0),
       coalesce(sum(controls) filter (where state = 'UNOWNED'), 0), coalesce(sum(controls) filter (where state = 'NOT_IMPLEMENTED'), 0),
       coalesce(sum(controls) filter (where state = 'NO_EVIDENCE'), 0), coalesce(sum(controls) filter (where state = 'ATTESTATION_MISSING'), 0)
  from coverage_summary_rollup group by team_id, row_code;
