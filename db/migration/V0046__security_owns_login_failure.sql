-- login_failure was created by V0006__create_audit.sql, but only the security module reads and writes it
-- (security/internal/LoginThrottle: sign-in throttling; failures are also audit-logged, in audit_log). Applied
-- migrations are never edited, and recreating the table would only copy its rows to the same name, so this migration
-- records the ownership in the table's comment. README ("Which module owns which table") lists every table.
comment on table login_failure is 'Owned by the security module: failed sign-ins by user name and address, for throttling; purged after demarc.security.login.failure-retention.';
