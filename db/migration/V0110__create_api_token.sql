-- REST API v1 tokens (module api). Personal access tokens act as their user (never more: the user's rights are read
-- on every call); team service accounts are accounts of their own (app_user.source = 'SERVICE', no password, one
-- team, role MEMBER or AUDITOR) whose tokens are created by a manager or admin. Only a SHA-256 of each secret is
-- stored (256 random bits: nothing to brute-force); the secret is shown once.
alter table app_user drop constraint app_user_source_known;
alter table app_user add constraint app_user_source_known check (source in ('LOCAL', 'SSO', 'SCIM', 'SERVICE'));
comment on column app_user.source is 'LOCAL: created in Demarc; SSO: created at first OIDC sign-in (JIT); SCIM: provisioned by the identity provider; SERVICE: a team service account for the REST API (no password, signs in only with its API token).';

create table api_token (
    id               bigint generated always as identity primary key,
    kind             varchar(8)   not null constraint api_token_kind check (kind in ('PERSONAL', 'SERVICE')),
    name             varchar(100) not null,
    user_id          bigint       not null references app_user (id) on delete cascade,
    team_id          bigint references team (id) on delete cascade,
    -- shown in the token lists, as they were at creation (module api reads no other module's tables)
    username         varchar(64)  not null,
    team_name        varchar(100),
    role             varchar(16),
    token_hash       char(64)     not null,
    hint             varchar(16)  not null,
    -- the user's security version when the token was made: a later sign-out version (password reset, disabled,
    -- signed out everywhere) refuses the token, as it ends that user's sessions
    security_version bigint       not null,
    created_by       varchar(64)  not null,
    created_at       timestamptz  not null default now(),
    expires_at       timestamptz  not null,
    last_used_at     timestamptz,
    revoked_at       timestamptz,
    revoked_by       varchar(64),
    version          bigint       not null default 0,
    constraint api_token_service_has_team check ((kind = 'SERVICE') = (team_id is not null))
);
create unique index api_token_hash_uq on api_token (token_hash);
create index api_token_user_idx on api_token (user_id, created_at desc);
create index api_token_team_idx on api_token (team_id) where team_id is not null;
comment on table api_token is 'REST API bearer tokens (module api): personal access tokens and team service account tokens; only a SHA-256 of the secret.';
