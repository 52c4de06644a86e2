-- In-app notifications, written in the same transaction as the change that caused them (the outbox row and the
-- inbox entry are one row: an e-mail worker will claim undelivered rows from here, ADR 0014).
create table notification (
    id           bigserial    primary key,
    recipient_id bigint       not null references app_user (id),
    kind         varchar(40)  not null,
    title        varchar(300) not null,
    body         text         not null,
    link         varchar(500) not null,
    actor        varchar(100),
    created_at   timestamptz  not null default now(),
    read_at      timestamptz,
    version      bigint       not null default 0
);

create index notification_inbox on notification (recipient_id, created_at desc, id desc);
create index notification_unread on notification (recipient_id) where read_at is null;
