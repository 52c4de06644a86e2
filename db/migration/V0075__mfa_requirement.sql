-- Two-step sign-in required by role (module security): when Demarc first saw the rule apply to an account at sign-in
-- (a required role and no authenticator app). The grace period (demarc.security.mfa.grace-period) counts from here;
-- the row is removed when the rule stops applying, so a role granted again later starts a new grace period.
create table mfa_requirement (
    user_id        bigint      primary key references app_user (id) on delete cascade,
    required_since timestamptz not null default now(),
    version        bigint      not null default 0
);
comment on table mfa_requirement is 'Since when an account must enrol an authenticator app (required by its role).';
