-- The append-only, hash-chained audit log (module audit), login throttling, auditor scopes and end dates.
create table audit_log (
    seq         bigint        primary key,
    at          timestamptz   not null,
    actor       varchar(64)   not null,
    address     varchar(64),
    action      varchar(60)   not null,
    entity_type varchar(40)   not null,
    entity_id   varchar(80),
    summary     varchar(2000) not null,
    before_text varchar(4000),
    after_text  varchar(4000),
    prev_hash   char(64)      not null,
    hash        char(64)      not null
);
create index audit_log_at_idx on audit_log (at);
create index audit_log_actor_idx on audit_log (actor, at);
create index audit_log_action_idx on audit_log (action, at);

-- Entries are never changed or removed: refused by triggers, and the privileges are taken away as well.
create function audit_log_refuse_change() returns trigger language plpgsql as $$
begin
    raise exception 'audit_log is append-only: % is not allowed', tg_op using errcode = '42501';
end $$;
create trigger audit_log_no_update before update on audit_log for each row execute function audit_log_refuse_change();
create trigger audit_log_no_delete before delete on audit_log for each row execute function audit_log_refuse_change();
create trigger audit_log_no_truncate before truncate on audit_log for each statement execute function audit_log_refuse_change();
revoke update, delete, truncate on audit_log from public;

create table login_failure (
    id       bigint generated always as identity primary key,
    username varchar(128) not null,
    address  varchar(64)  not null,
    at       timestamptz  not null default now()
);
create index login_failure_user_idx on login_failure (username, at);
create index login_failure_address_idx on login_failure (address, at);

-- Auditors: an end date after which login is refused, and an optional scope of teams (empty = all teams).
alter table app_user add column access_until date;
create table auditor_scope (
    user_id bigint not null references app_user (id) on delete cascade,
    team_id bigint not null references team (id) on delete cascade,
    primary key (user_id, team_id)
);
