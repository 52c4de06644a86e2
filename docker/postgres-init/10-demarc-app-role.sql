-- Run once by the postgres image when its volume is empty: the app's login role "demarc", which owns nothing.
-- The database "demarc" is owned by POSTGRES_USER (demarc_owner), the role that runs the migrations; they grant the
-- app role what it needs (db/migration/afterMigrate.sql).
create role demarc login password 'demarc';
