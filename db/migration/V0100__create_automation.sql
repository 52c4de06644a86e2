-- Module automation (issue 18): AWS Security Hub / AWS Config results as automated evidence (ADR 0020).
--   automation_check_mapping  which catalog controls a check evidences, per catalog version (shipped file, managers edit)
--   automation_import         one immutable import of results for one project: the raw results stored as evidence
--                             content (evidence_content, via the evidence module's EvidenceStore) with their SHA-256
--   automation_result         one immutable result per (import, check): status, resources checked/failing, observed
--   automation_latest         the newest result per (project, check), the one coverage reads
--   automation_finding        findings already imported (id + update time): importing the same file twice changes nothing
--   automation_suppression    a manager's justified, time-boxed decision to ignore one check for one project
--   automation_settings       the freshness window (demarc.automation.freshness), written at start-up, read by the view
create table automation_check_mapping (
    id            bigserial    primary key,
    model_id      bigint       not null references responsibility_model (id) on delete cascade,
    check_id      varchar(80)  not null,
    config_rule   varchar(120),
    aws_service   varchar(60)  not null default '',
    severity      varchar(16)  not null default '',
    control_code  varchar(40)  not null,
    confidence    varchar(16)  not null default '',
    note          varchar(200) not null default '',
    version       bigint       not null default 0,
    updated_at    timestamptz  not null default now(),
    updated_by    varchar(100),
    constraint automation_check_mapping_uq unique (model_id, check_id, control_code)
);
create index automation_check_mapping_code_idx on automation_check_mapping (model_id, control_code);
create index automation_check_mapping_rule_idx on automation_check_mapping (model_id, config_rule);

create table automation_import (
    id           bigserial    primary key,
    project_id   bigint       not null references project (id) on delete cascade,
    format       varchar(16)  not null,
    file_name    varchar(255) not null,
    content_id   bigint       not null references evidence_content (id),
    sha256       char(64)     not null,
    size         bigint       not null,
    findings     int          not null,
    imported_at  timestamptz  not null,
    imported_by  varchar(100) not null,
    version      bigint       not null default 0
);
create index automation_import_project_idx on automation_import (project_id, imported_at desc);

create table automation_result (
    id                bigserial    primary key,
    import_id         bigint       not null references automation_import (id) on delete cascade,
    project_id        bigint       not null references project (id) on delete cascade,
    source            varchar(16)  not null check (source in ('SECURITY_HUB', 'CONFIG')),
    check_id          varchar(120) not null,
    status            varchar(16)  not null check (status in ('PASSED', 'FAILED', 'WARNING', 'NOT_AVAILABLE')),
    resources_checked int          not null,
    resources_failing int          not null,
    failing_resources text[]       not null default '{}',
    first_observed    timestamptz  not null,
    last_observed     timestamptz  not null,
    version           bigint       not null default 0,
    constraint automation_result_uq unique (import_id, source, check_id)
);
create index automation_result_project_idx on automation_result (project_id, source, check_id);

create table automation_latest (
    project_id bigint       not null references project (id) on delete cascade,
    source     varchar(16)  not null,
    check_id   varchar(120) not null,
    result_id  bigint       not null references automation_result (id) on delete cascade,
    version    bigint       not null default 0,
    primary key (project_id, source, check_id)
);

create table automation_finding (
    project_id bigint       not null references project (id) on delete cascade,
    finding_id varchar(512) not null,
    updated_at timestamptz  not null,
    primary key (project_id, finding_id, updated_at)
);

create table automation_suppression (
    id            bigserial     primary key,
    project_id    bigint        not null references project (id) on delete cascade,
    source        varchar(16)   not null,
    check_id      varchar(120)  not null,
    justification varchar(2000) not null,
    until         date          not null,
    created_at    timestamptz   not null,
    created_by    varchar(100)  not null,
    version       bigint        not null default 0,
    constraint automation_suppression_uq unique (project_id, source, check_id)
);

create table automation_settings (
    id        int      primary key check (id = 1),
    freshness interval not null,
    version   bigint   not null default 0
);
insert into automation_settings (id, freshness) values (1, interval '7 days');

-- imports and their results are evidence: once written they never change (rows go only with their project)
create function automation_immutable() returns trigger language plpgsql as $$
begin
    raise exception 'automated evidence is immutable: % on % refused', tg_op, tg_table_name;
end $$;
create trigger automation_import_immutable before update on automation_import
    for each row execute function automation_immutable();
create trigger automation_result_immutable before update on automation_result
    for each row execute function automation_immutable();

-- coverage_state keeps whether a control's coverage comes from automated evidence (the dashboard's "automated" share)
alter table coverage_state add column automated boolean not null default false;

-- The coverage rule (ADR 0008, amended by ADR 0020): a customer or shared control that is owned and implemented is
--   FAILING_CHECK when the newest result of any of its mapped, unsuppressed checks failed (manual evidence or not);
--   COVERED when it has valid accepted evidence, or when its mapped, unsuppressed checks have results that all passed
--   and were observed within the freshness window (automated evidence).
create or replace view coverage_state_v as
select pc.id as project_control_id, pc.project_id, p.team_id, c.code, c.domain_code, pc.owner,
       case
           when pc.owner = 'NOT_APPLICABLE' or pc.status = 'NOT_APPLICABLE' then 'NOT_APPLICABLE'
           when pc.owner = 'AWS' then case when at.attested then 'COVERED' else 'ATTESTATION_MISSING' end
           when not coalesce(r.has_a and r.has_r, false) then 'UNOWNED'
           when pc.status <> 'IMPLEMENTED' then 'NOT_IMPLEMENTED'
           when coalesce(au.failing, false) then 'FAILING_CHECK'
           when coalesce(e.valid, false) or coalesce(au.passing, false) then 'COVERED'
           else 'NO_EVIDENCE'
       end as state,
       (pc.owner in ('CUSTOMER', 'SHARED') and pc.status = 'IMPLEMENTED' and coalesce(e.valid, false)
            and not coalesce(e.lasting, false) and not coalesce(au.failing, false)
            and not coalesce(au.passing, false)) as expiring,
       (pc.due_date is not null and pc.due_date < current_date
            and pc.status in ('NOT_STARTED', 'IN_PROGRESS') and pc.owner in ('CUSTOMER', 'SHARED')) as overdue,
       (pc.owner in ('CUSTOMER', 'SHARED') and e.items > 0 and not coalesce(e.valid, false)) as expired,
       (pc.owner in ('CUSTOMER', 'SHARED') and coalesce(au.passing, false) and not coalesce(au.failing, false)) as automated
  from project_control pc
  join project p on p.id = pc.project_id and not p.archived
  join control c on c.id = pc.control_id
  cross join lateral (
      select count(*) as items,
             bool_or(v.review_state = 'ACCEPTED' and (i.valid_until is null or i.valid_until >= current_date)) as valid,
             bool_or(v.review_state = 'ACCEPTED' and (i.valid_until is null or i.valid_until > current_date + 30)) as lasting
        from evidence_item i
        join lateral (select review_state from evidence_version x where x.item_id = i.id
                       order by x.version_no desc limit 1) v on true
       where i.project_control_id = pc.id) e
  cross join lateral (
      select bool_or(a.role = 'A' and a.user_id is not null) as has_a, bool_or(a.role = 'R') as has_r
        from raci_assignment a where a.project_control_id = pc.id) r
  cross join lateral (
      select exists (select 1 from attestation_link l join attestation a on a.id = l.attestation_id
                      where l.project_control_id = pc.id and a.valid_until >= current_date) as attested) at
  cross join lateral (
      select bool_or(res.status = 'FAILED') as failing,
             bool_and(res.status = 'PASSED'
                      and res.last_observed >= now() - (select s.freshness from automation_settings s where s.id = 1)) as passing
        from automation_latest l
        join automation_result res on res.id = l.result_id
       where l.project_id = pc.project_id
         and exists (select 1 from automation_check_mapping m
                      where m.model_id = c.model_id and m.control_code = c.code
                        and ((l.source = 'SECURITY_HUB' and m.check_id = l.check_id)
                          or (l.source = 'CONFIG' and m.config_rule = l.check_id)))
         and not exists (select 1 from automation_suppression s
                          where s.project_id = l.project_id and s.source = l.source and s.check_id = l.check_id
                            and s.until >= current_date)) au;
