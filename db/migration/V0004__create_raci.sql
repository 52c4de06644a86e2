-- RACI assignments of project controls and reusable templates (module raci).
create table raci_assignment (
    id                 bigint generated always as identity primary key,
    project_control_id bigint  not null references project_control (id) on delete cascade,
    role               char(1) not null check (role in ('R', 'A', 'C', 'I')),
    user_id            bigint  references app_user (id),
    team_id            bigint  references team (id),
    constraint raci_assignee_one check ((user_id is null) <> (team_id is null)),
    constraint raci_accountable_person check (role <> 'A' or user_id is not null)
);
-- exactly one Accountable at most (the service also requires one for "owned")
create unique index raci_one_accountable on raci_assignment (project_control_id) where role = 'A';
-- a person holds at most one letter per control
create unique index raci_one_letter_per_person on raci_assignment (project_control_id, user_id) where user_id is not null;
create unique index raci_team_once_per_role on raci_assignment (project_control_id, role, team_id) where team_id is not null;
create index raci_user_idx on raci_assignment (user_id, role);
create index raci_team_idx on raci_assignment (team_id, role);

create table raci_template (
    id         bigint generated always as identity primary key,
    name       varchar(120) not null,
    created_at timestamptz  not null default now(),
    created_by varchar(64)  not null,
    version    bigint       not null default 0
);
create unique index raci_template_name_uq on raci_template (lower(name));

create table raci_template_entry (
    template_id  bigint      not null references raci_template (id) on delete cascade,
    control_code varchar(40) not null,
    role         char(1)     not null check (role in ('R', 'A', 'C', 'I')),
    user_id      bigint      references app_user (id),
    team_id      bigint      references team (id),
    constraint raci_template_assignee_one check ((user_id is null) <> (team_id is null))
);
create index raci_template_entry_idx on raci_template_entry (template_id, control_code);
