-- Projects, their AWS services and the per-project control register (module project).
create table project (
    id              bigint generated always as identity primary key,
    team_id         bigint        not null references team (id),
    name            varchar(120)  not null,
    description     varchar(2000) not null default '',
    aws_account_ids varchar(12)[] not null default '{}',
    model_id        bigint        not null references responsibility_model (id),
    archived        boolean       not null default false,
    created_at      timestamptz   not null default now(),
    updated_at      timestamptz   not null default now(),
    updated_by      varchar(64),
    version         bigint        not null default 0
);
create unique index project_team_name_uq on project (team_id, lower(name));
create index project_team_idx on project (team_id);

create table project_service (
    project_id bigint not null references project (id) on delete cascade,
    service_id bigint not null references aws_service (id),
    primary key (project_id, service_id)
);

create table project_control (
    id            bigint generated always as identity primary key,
    project_id    bigint        not null references project (id) on delete cascade,
    control_id    bigint        not null references control (id),
    owner         varchar(16)   not null check (owner in ('CUSTOMER', 'SHARED', 'AWS', 'NOT_APPLICABLE')),
    owner_reason  varchar(1000) not null default '',
    status        varchar(16)   not null default 'NOT_STARTED'
        check (status in ('NOT_STARTED', 'IN_PROGRESS', 'IMPLEMENTED', 'NOT_APPLICABLE', 'INHERITED')),
    justification varchar(2000),
    due_date      date,
    notes         varchar(4000) not null default '',
    contact_id    bigint        references app_user (id),
    updated_at    timestamptz   not null default now(),
    updated_by    varchar(64),
    version       bigint        not null default 0,
    constraint project_control_uq unique (project_id, control_id),
    constraint project_control_na_justified check (status <> 'NOT_APPLICABLE' or coalesce(justification, '') <> ''),
    constraint project_control_inherited_aws check (status <> 'INHERITED' or owner = 'AWS')
);
create index project_control_project_idx on project_control (project_id);
create index project_control_control_idx on project_control (control_id);

-- Who changed what, when, from and to: status, owner, due date, RACI, services, catalog version.
create table project_event (
    id                 bigint generated always as identity primary key,
    project_id         bigint        not null references project (id) on delete cascade,
    project_control_id bigint        references project_control (id) on delete set null,
    at                 timestamptz   not null default now(),
    actor              varchar(64)   not null,
    field              varchar(40)   not null,
    from_value         varchar(2000),
    to_value           varchar(2000)
);
create index project_event_control_idx on project_event (project_control_id, at desc);
create index project_event_project_idx on project_event (project_id, at desc);
