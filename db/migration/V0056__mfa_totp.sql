-- TOTP second factor for local accounts (module security): the shared secret (RFC 6238, SHA-1, 6 digits, 30 s),
-- confirmed by a first code; the last accepted time step, so a code is never accepted twice; recovery codes, hashed.
create table mfa_secret (
    user_id      bigint      primary key references app_user (id) on delete cascade,
    secret       varchar(64) not null,
    confirmed_at timestamptz,
    last_step    bigint      not null default 0,
    created_at   timestamptz not null default now(),
    version      bigint      not null default 0
);
comment on table mfa_secret is 'TOTP secrets; confirmed_at null = enrolment started but not yet confirmed by a code.';

create table mfa_recovery_code (
    id        bigint generated always as identity primary key,
    user_id   bigint       not null references app_user (id) on delete cascade,
    code_hash varchar(200) not null,
    used_at   timestamptz,
    version   bigint       not null default 0
);
create index mfa_recovery_code_user on mfa_recovery_code (user_id) where used_at is null;
