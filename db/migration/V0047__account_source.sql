-- Where an account comes from and how it may sign in (module organization). The common ground of company sign-in
-- (OIDC, issue "Company sign-in") and provisioning (SCIM): accounts from the identity provider have no local password;
-- a local account is never merged with an external identity silently, so the link is its own row.
alter table app_user alter column password_hash drop not null;
alter table app_user add column source varchar(8) not null default 'LOCAL'
    constraint app_user_source_known check (source in ('LOCAL', 'SSO', 'SCIM'));
alter table app_user add column break_glass boolean not null default false;
alter table app_user add column last_sign_in_at timestamptz;
comment on column app_user.source is 'LOCAL: created in Demarc; SSO: created at first OIDC sign-in (JIT); SCIM: provisioned by the identity provider.';
comment on column app_user.break_glass is 'May sign in with the local form even when demarc.security.local-login=false.';

create table external_identity (
    id           bigint generated always as identity primary key,
    user_id      bigint       not null references app_user (id) on delete cascade,
    issuer       varchar(500) not null,
    subject      varchar(500) not null,
    created_at   timestamptz  not null default now(),
    last_seen_at timestamptz,
    version      bigint       not null default 0,
    constraint external_identity_uq unique (issuer, subject)
);
create index external_identity_user on external_identity (user_id);
comment on table external_identity is 'An identity at an external provider linked to a Demarc account: issuer = the OIDC issuer URI (sub = subject) or scim:<token id> (subject = the SCIM externalId or id).';
