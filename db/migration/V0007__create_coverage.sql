-- Coverage (module coverage): the rule as a view, rollups kept per project, daily snapshots.

-- One row per project control with its coverage state (ADR 0008):
--   NOT_APPLICABLE     owner N/A or status not applicable: outside the denominators
--   AWS rows:          COVERED when a valid attestation is linked, else ATTESTATION_MISSING
--   customer/shared:   UNOWNED (RACI breaks a rule) → NOT_IMPLEMENTED → NO_EVIDENCE → COVERED
--                      (implemented with at least one accepted, unexpired piece of evidence)
-- plus the flags expiring (covering evidence ends within 30 days) and overdue (due date passed, not done).
create view coverage_state_v as
with evidence as (
    select i.project_control_id,
           bool_or(v.review_state = 'ACCEPTED' and (i.valid_until is null or i.valid_until >= current_date)) as valid,
           bool_or(v.review_state = 'ACCEPTED' and (i.valid_until is null or i.valid_until > current_date + 30)) as lasting
      from evidence_item i
      join lateral (select review_state from evidence_version x where x.item_id = i.id
                     order by x.version_no desc limit 1) v on true
     group by i.project_control_id
), attested as (
    select l.project_control_id from attestation_link l join attestation a on a.id = l.attestation_id
     where a.valid_until >= current_date group by l.project_control_id
), raci as (
    select project_control_id,
           bool_or(role = 'A' and user_id is not null) as has_a,
           bool_or(role = 'R') as has_r
      from raci_assignment group by project_control_id
)
select pc.id as project_control_id, pc.project_id, p.team_id, c.code, c.domain_code, pc.owner,
       case
           when pc.owner = 'NOT_APPLICABLE' or pc.status = 'NOT_APPLICABLE' then 'NOT_APPLICABLE'
           when pc.owner = 'AWS' then case when at.project_control_id is not null then 'COVERED' else 'ATTESTATION_MISSING' end
           when not coalesce(r.has_a and r.has_r, false) then 'UNOWNED'
           when pc.status <> 'IMPLEMENTED' then 'NOT_IMPLEMENTED'
           when coalesce(e.valid, false) then 'COVERED'
           else 'NO_EVIDENCE'
       end as state,
       (pc.owner in ('CUSTOMER', 'SHARED') and pc.status = 'IMPLEMENTED' and coalesce(e.valid, false)
            and not coalesce(e.lasting, false)) as expiring,
       (pc.due_date is not null and pc.due_date < current_date
            and pc.status in ('NOT_STARTED', 'IN_PROGRESS') and pc.owner in ('CUSTOMER', 'SHARED')) as overdue,
       (pc.owner in ('CUSTOMER', 'SHARED') and e.project_control_id is not null and not coalesce(e.valid, false)) as expired
  from project_control pc
  join project p on p.id = pc.project_id and not p.archived
  join control c on c.id = pc.control_id
  left join evidence e on e.project_control_id = pc.id
  left join attested at on at.project_control_id = pc.id
  left join raci r on r.project_control_id = pc.id;

-- Counts per project × domain × owner × state, refreshed for a project in the same transaction as any change that
-- moves them, and for every project once a day (states depend on the date).
create table coverage_rollup (
    project_id  bigint      not null references project (id) on delete cascade,
    team_id     bigint      not null,
    domain_code varchar(12) not null,
    owner       varchar(16) not null,
    state       varchar(20) not null,
    controls    int         not null,
    expiring    int         not null,
    overdue     int         not null,
    expired     int         not null,
    primary key (project_id, domain_code, owner, state)
);
create index coverage_rollup_team_idx on coverage_rollup (team_id);

-- The same per model-summary row (a control can realise several rows).
create table coverage_summary_rollup (
    project_id bigint      not null references project (id) on delete cascade,
    team_id    bigint      not null,
    row_code   varchar(12) not null,
    state      varchar(20) not null,
    controls   int         not null,
    primary key (project_id, row_code, state)
);

create table coverage_refresh (
    id           int primary key check (id = 1),
    refreshed_on date not null
);

-- Daily snapshots for the trend: per team (null team = whole organisation) and owner column.
create table coverage_snapshot (
    day        date        not null,
    team_id    bigint      not null default 0,
    owner      varchar(16) not null,
    applicable int         not null,
    covered    int         not null,
    taken_at   timestamptz not null default now(),
    primary key (day, team_id, owner)
);
