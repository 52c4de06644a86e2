-- Issue 19: a template entry may name "the project's team" instead of a fixed team, resolved when the template is
-- applied, so a template travels to projects of other teams.
alter table raci_template_entry add column project_team boolean not null default false;
alter table raci_template_entry drop constraint raci_template_assignee_one;
alter table raci_template_entry add constraint raci_template_assignee_one check (
    (project_team and user_id is null and team_id is null)
    or (not project_team and (user_id is null) <> (team_id is null)));
alter table raci_template_entry add constraint raci_template_project_team_not_a check (not project_team or role <> 'A');
