-- Published views of module project (issue 12, ADR 0010 "Published views"): what other modules (raci's matrix and
-- "my responsibilities", evidence's team scope) may join in their SQL, instead of reading project and project_control.
-- Simple single-table views: PostgreSQL inlines them, so the callers' plans and indexes are the tables' own.
create view project_v as
select id, team_id, name, archived, model_id from project;
comment on view project_v is 'project publishes: a project''s team, name, archived flag and model (read-only)';

create view project_control_v as
select id, project_id, control_id, owner, status, due_date from project_control;
comment on view project_control_v is 'project publishes: a register row''s project, control, effective owner, status and due date (read-only)';
