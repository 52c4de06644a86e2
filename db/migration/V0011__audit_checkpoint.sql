-- Signed checkpoints of the audit chain (module audit): the head (seq, hash) signed with the audit key, which the
-- database never holds. Append-only like audit_log: the app role gets SELECT, INSERT only (see afterMigrate.sql).
create table audit_checkpoint (
    seq        bigint       primary key,
    hash       char(64)     not null,
    at         timestamptz  not null,
    key_id     varchar(32)  not null,
    signature  varchar(200) not null
);

create trigger audit_checkpoint_no_update before update on audit_checkpoint for each row execute function audit_log_refuse_change();
create trigger audit_checkpoint_no_delete before delete on audit_checkpoint for each row execute function audit_log_refuse_change();
create trigger audit_checkpoint_no_truncate before truncate on audit_checkpoint for each statement execute function audit_log_refuse_change();
revoke update, delete, truncate on audit_checkpoint from public;
