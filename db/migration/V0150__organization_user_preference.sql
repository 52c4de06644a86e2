-- Issue 19: a person's own display choices, kept across sessions and nodes. One row per user who chose something;
-- no row = the defaults (light theme). Written only by the user themselves (organization's Appearance service).
create table user_preference (
    user_id   bigint  primary key references app_user (id) on delete cascade,
    dark_mode boolean not null default false,
    version   bigint  not null default 0
);
