-- SCIM 2.0 provisioning (module organization): bearer tokens that an admin creates (only a SHA-256 of the
-- high-entropy secret is kept), the SCIM view of provisioned users, and the identity provider's groups, which map to
-- roles and team memberships (GroupMapping). Provisioned accounts are app_user rows with source SCIM.
create table scim_token (
    id           bigint generated always as identity primary key,
    name         varchar(100) not null,
    token_hash   varchar(64)  not null unique,
    created_by   varchar(64)  not null,
    created_at   timestamptz  not null default now(),
    last_used_at timestamptz,
    revoked_at   timestamptz,
    version      bigint       not null default 0
);
comment on table scim_token is 'SCIM bearer tokens: token_hash is the hex SHA-256 of the secret, shown once at creation.';

create table scim_user (
    user_id     bigint       primary key references app_user (id) on delete cascade,
    user_name   varchar(320) not null,
    external_id varchar(500),
    token_id    bigint       references scim_token (id) on delete set null,
    created_at  timestamptz  not null default now(),
    updated_at  timestamptz  not null default now(),
    version     bigint       not null default 0
);
create unique index scim_user_name_uq on scim_user (lower(user_name));

create table scim_group (
    id           bigint generated always as identity primary key,
    display_name varchar(200) not null,
    external_id  varchar(500),
    created_at   timestamptz  not null default now(),
    updated_at   timestamptz  not null default now(),
    version      bigint       not null default 0
);
create unique index scim_group_name_uq on scim_group (lower(display_name));

create table scim_group_member (
    group_id bigint not null references scim_group (id) on delete cascade,
    user_id  bigint not null references app_user (id) on delete cascade,
    primary key (group_id, user_id)
);
create index scim_group_member_user on scim_group_member (user_id);
