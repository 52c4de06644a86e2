-- auditor_scope (and app_user.access_until) were created by V0006__create_audit.sql, but only the organization module
-- reads and writes them (organization/internal/UserRepository). Applied migrations are never edited, and recreating
-- the table would only copy its rows to the same name, so this migration records the ownership where the database
-- keeps it: the table's comment. README ("Which module owns which table") lists every table the same way, and
-- ArchitectureTest.noModuleReadsAnotherModulesTables holds the SQL to it.
comment on table auditor_scope is 'Owned by the organization module: the teams an auditor may read (none = all teams).';
comment on column app_user.access_until is 'Owned by the organization module: the day after which an auditor''s sign-in is refused.';
