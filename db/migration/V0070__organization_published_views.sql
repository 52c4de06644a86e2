-- Published views of module organization (issue 12, ADR 0010 "Published views"): the read-only columns other modules
-- may join in their SQL (names on register rows, RACI assignees), instead of reading team and app_user themselves.
-- A view is the module's API: its columns only grow; never the password hash, e-mail or roles.
create view organization_team_v as
select id, name from team;
comment on view organization_team_v is 'organization publishes: a team''s id and name (read-only, for other modules'' joins)';

create view organization_user_v as
select id, display_name from app_user;
comment on view organization_user_v is 'organization publishes: a user''s id and display name (read-only, for other modules'' joins)';
