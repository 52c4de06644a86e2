-- Issue 18 (import speed): the findings already imported are kept as one row per project and UTC day of their update
-- time, holding that day's keys (the same 16-byte digests as automation_finding: the first 16 bytes of SHA-256 over
-- "<finding id>\n<update time in epoch ms>") sorted, as one bytea. An import reads the rows of the days its file
-- holds, compares in memory and writes back only the days that got new keys: no index entry per finding (100,000
-- per import of a large export cost more than parsing it). Same rule as before: the same id and update time is the
-- same finding, and every key ever imported is kept.
-- automation_finding keeps the keys imported before this migration (its digests cannot be sorted into days); an import
-- still looks a project's new keys up there for as long as the project has rows in it. Nothing is added to it.
create table automation_finding_day (
    project_id bigint  not null,
    day        integer not null, -- days since 1970-01-01, UTC, of the findings' update time
    keys       bytea   not null check (octet_length(keys) = 16 * key_count),
    key_count  integer not null check (key_count > 0),
    primary key (project_id, day)
);
-- digests do not compress: stored out of line as they are
alter table automation_finding_day alter column keys set storage external;

create or replace function automation_finding_forget_project() returns trigger language plpgsql as $$
begin
    delete from automation_finding where project_id = old.id;
    delete from automation_finding_day where project_id = old.id;
    return old;
end
$$;
