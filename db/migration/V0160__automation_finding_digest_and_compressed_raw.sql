-- Issue 18 (import speed): a finding already imported is remembered by a 16-byte digest instead of its id (Security
-- Hub's finding ARNs run to 150+ characters): the first 16 bytes of SHA-256 over "<finding id>\n<update time in epoch
-- milliseconds>", as the import computes it (ProjectSpool.key). Same rule as before: the same id and update time is the
-- same finding. The findings imported so far are carried over with the same digest.
-- No foreign key to project: its check on every inserted row (a lookup and a lock of the project row) took more time
-- than the insert itself (100,000 keys per import). Projects are archived, never deleted; should a project row be
-- deleted, the trigger below takes its keys with it, as "on delete cascade" did.
alter table automation_finding rename to automation_finding_before_v0160;
alter table automation_finding_before_v0160 rename constraint automation_finding_pkey to automation_finding_before_v0160_pkey;
create table automation_finding (
    project_id  bigint not null,
    finding_key uuid   not null,
    primary key (project_id, finding_key)
);
insert into automation_finding (project_id, finding_key)
select project_id,
       encode(substring(sha256(convert_to(finding_id || E'\n' || round(extract(epoch from updated_at) * 1000)::bigint::text,
                                          'UTF8')) from 1 for 16), 'hex')::uuid
  from automation_finding_before_v0160
on conflict do nothing;
drop table automation_finding_before_v0160;

create function automation_finding_forget_project() returns trigger language plpgsql as $$
begin
    delete from automation_finding where project_id = old.id;
    return old;
end
$$;
create trigger automation_finding_forget_project after delete on project
    for each row execute function automation_finding_forget_project();

-- The raw results of new imports are stored gzip-compressed (a Security Hub export shrinks about tenfold); the
-- imports before stay as they were stored, plain JSON. The SHA-256 of an import is that of the stored file.
alter table automation_import add column raw_encoding varchar(8) not null default 'identity'
    check (raw_encoding in ('identity', 'gzip'));
