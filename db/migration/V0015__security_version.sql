-- Rights follow changes at once (issue 13): every session compares its copy of these with the database on each
-- request. security_version: bumped by any change of a user's rights (roles, teams, auditor end date or scope,
-- password, disabling); sign_out_version: the security_version below which sessions are ended, not refreshed
-- (password reset, disabling).
alter table app_user add column security_version bigint not null default 0;
alter table app_user add column sign_out_version bigint not null default 0;

-- Sign-in throttling: old failures are purged (demarc.security.login.failure-retention); counts by time window.
create index login_failure_at_idx on login_failure (at);
