-- Issue 15, finishing: the key that signs one-click unsubscribe links (RFC 8058) when demarc.notifications.unsubscribe-key
-- is not set: generated once by the first node that needs it, shared by every node through this row.
create table notification_secret (
    name       varchar(40)  primary key,
    secret     varchar(200) not null,
    created_at timestamptz  not null default now(),
    version    bigint       not null default 0
);

-- A team's chat webhook can be paused without losing its URL and secret.
alter table notification_webhook add column enabled boolean not null default true;
