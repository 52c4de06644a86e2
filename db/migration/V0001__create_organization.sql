-- Users, teams and memberships (module organization).
create table app_user (
    id            bigint generated always as identity primary key,
    username      varchar(64)  not null,
    display_name  varchar(200) not null,
    email         varchar(320) not null,
    password_hash varchar(255) not null,
    enabled       boolean      not null default true,
    roles         varchar(16)[] not null default '{}',
    created_at    timestamptz  not null default now(),
    updated_at    timestamptz  not null default now(),
    updated_by    varchar(64),
    version       bigint       not null default 0,
    constraint app_user_username_format check (username ~ '^[a-z0-9][a-z0-9._-]{1,63}$'),
    constraint app_user_roles_known check (roles <@ array['ADMIN','MANAGER','MEMBER','AUDITOR']::varchar(16)[])
);
create unique index app_user_username_uq on app_user (username);

create table team (
    id          bigint generated always as identity primary key,
    name        varchar(100)  not null,
    description varchar(1000) not null default '',
    created_at  timestamptz   not null default now(),
    updated_at  timestamptz   not null default now(),
    updated_by  varchar(64),
    version     bigint        not null default 0
);
create unique index team_name_uq on team (lower(name));

create table team_membership (
    team_id bigint not null references team (id) on delete cascade,
    user_id bigint not null references app_user (id) on delete cascade,
    primary key (team_id, user_id)
);
create index team_membership_user_idx on team_membership (user_id);
