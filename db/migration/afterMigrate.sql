-- Flyway callback, run after every migrate by the migration (owner) role: the app role ${app_user} gets exactly the
-- rights it needs on every table of the schema, so tables added by later migrations are covered without anyone
-- remembering to grant. The audit tables stay append-only for it: SELECT, INSERT only. Idempotent.
-- Single-role installs (app role = migration role, or a superuser) are left alone; Demarc warns at start-up.
do $grants$
declare
    app    text := '${app_user}';
    schema text := current_schema();
    rel    text;
begin
    if app = '' or app = current_user then
        return;
    end if;
    if not exists (select from pg_roles where rolname = app) then
        raise exception 'The app role "%" (spring.datasource.username) does not exist: create it (CREATE ROLE % LOGIN PASSWORD ...) or set spring.flyway.placeholders.app_user', app, app;
    end if;
    if (select rolsuper from pg_roles where rolname = app) then
        return;
    end if;
    execute format('grant usage on schema %I to %I', schema, app);
    execute format('grant select, insert, update, delete on all tables in schema %I to %I', schema, app);
    execute format('grant usage, select, update on all sequences in schema %I to %I', schema, app);
    if current_setting('server_version_num')::int >= 170000 then
        -- ANALYZE after bulk loads (coverage rollups, scale data) needs MAINTAIN on PostgreSQL 17+
        execute format('grant maintain on all tables in schema %I to %I', schema, app);
    end if;
    foreach rel in array array['audit_log', 'audit_checkpoint', 'flyway_schema_history'] loop
        if to_regclass(format('%I.%I', schema, rel)) is not null then
            execute format('revoke all on %I.%I from %I', schema, rel, app);
            execute format('grant select on %I.%I to %I', schema, rel, app);
        end if;
    end loop;
    execute format('grant insert on %I.audit_log, %I.audit_checkpoint to %I', schema, schema, app);
    -- stored evidence never changes once written: the app may record a review (those columns only), never rewrite a
    -- version's file, hash or size, an attestation, or a chunk (audit packages are checked against these rows)
    if to_regclass(format('%I.evidence_version', schema)) is not null then
        execute format('revoke update on %I.evidence_version, %I.evidence_chunk, %I.attestation from %I',
                       schema, schema, schema, app);
        execute format('grant update (review_state, review_comment, reviewed_by, reviewed_at, version) on %I.evidence_version to %I',
                       schema, app);
    end if;
end
$grants$;
