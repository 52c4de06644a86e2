-- The import's format holds ResultFormat names such as CONFIG_EVALUATIONS (18 characters): V0100 made it too narrow.
alter table automation_import alter column format type varchar(32);
