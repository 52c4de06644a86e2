-- Module evidence (issue 17, ADR 0018): evidence content may live outside PostgreSQL, in a directory or an
-- S3 bucket. evidence_content stays the one metadata row of every content (size, SHA-256); it now says where the
-- bytes are. object_key: the object's current key (null for postgres); pending_key: set while the object still
-- sits under its pending key (written before the row committed, moved to object_key after the commit).
alter table evidence_content
    add column store       varchar(16)  not null default 'postgres' check (store in ('postgres', 'filesystem', 's3')),
    add column object_key  varchar(300),
    add column pending_key varchar(300),
    add constraint evidence_content_external_has_key check (store = 'postgres' or object_key is not null);
create index evidence_content_store_idx on evidence_content (store, id);
create index evidence_content_pending_idx on evidence_content (pending_key) where pending_key is not null;

-- Objects whose row was deleted: written in the deleting transaction, removed from the store after the commit (and
-- retried by the sweeper), so a rolled-back delete never loses content and a crash never leaves an object forever.
create table evidence_object_deletion (
    id           bigint generated always as identity primary key,
    store        varchar(16)  not null check (store in ('filesystem', 's3')),
    object_key   varchar(300) not null,
    requested_at timestamptz  not null default now(),
    version      bigint       not null default 0
);
