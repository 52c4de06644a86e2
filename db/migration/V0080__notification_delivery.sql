-- Issue 15, delivery: the outbox. One row per message leaving Demarc (an e-mail to one person, a digest, a team chat
-- post), written in the transaction of the change (or by the digest/reminder job), claimed by the sending worker
-- with FOR UPDATE SKIP LOCKED so two app nodes never send one twice (ADR 0014).
create table notification_delivery (
    id              bigserial    primary key,
    channel         varchar(10)  not null check (channel in ('EMAIL', 'WEBHOOK')),
    -- EMAIL: the person; WEBHOOK: null (the team's hook)
    recipient_id    bigint       references app_user (id),
    team_id         bigint       references team (id),
    -- the notification it carries; null for a digest (its notifications point at it through digest_id) and a webhook
    notification_id bigint       references notification (id) on delete cascade,
    -- WEBHOOK: the text posted to the team's chat
    payload         text,
    -- DIGEST: waiting for the recipient's daily digest; PENDING: to send; SENT; FAILED: gave up (admins see it);
    -- SKIPPED: cannot be sent (no e-mail address), kept with the reason; DIGESTED: went out inside a digest
    state           varchar(10)  not null check (state in ('DIGEST', 'PENDING', 'SENT', 'FAILED', 'SKIPPED', 'DIGESTED')),
    digest_id       bigint       references notification_delivery (id),
    digest_for      date,
    attempts        int          not null default 0,
    next_attempt_at timestamptz  not null default now(),
    last_error      varchar(1000),
    created_at      timestamptz  not null default now(),
    sent_at         timestamptz,
    version         bigint       not null default 0,
    check ((channel = 'EMAIL') = (recipient_id is not null)),
    check ((channel = 'WEBHOOK') = (team_id is not null and payload is not null))
);

-- the worker's claim: only what is due, oldest first
create index notification_delivery_due on notification_delivery (next_attempt_at) where state = 'PENDING';
create index notification_delivery_digest on notification_delivery (recipient_id) where state = 'DIGEST';
create index notification_delivery_failed on notification_delivery (created_at desc) where state = 'FAILED';
create index notification_delivery_notification on notification_delivery (notification_id);
-- one digest per person and local day, however often the job runs (catch-up after downtime never repeats one)
create unique index notification_delivery_one_digest on notification_delivery (recipient_id, digest_for)
    where digest_for is not null;

-- Per user and kind: IMMEDIATE (default when no row), DIGEST or OFF; mandatory kinds ignore OFF (enforced in code).
create table notification_preference (
    user_id bigint      not null references app_user (id),
    kind    varchar(40) not null,
    mode    varchar(10) not null check (mode in ('IMMEDIATE', 'DIGEST', 'OFF')),
    version bigint      not null default 0,
    primary key (user_id, kind)
);

-- Per user: when the daily digest goes out, in the user's own time zone.
create table notification_schedule (
    user_id     bigint      primary key references app_user (id),
    time_zone   varchar(60) not null default 'UTC',
    digest_time time        not null default '08:00',
    version     bigint      not null default 0
);

-- Reminders already sent (due soon, overdue, evidence expiring): a job that runs late or twice never repeats one.
create table notification_reminder (
    subject   varchar(120) not null,
    milestone varchar(20)  not null,
    sent_at   timestamptz  not null default now(),
    primary key (subject, milestone)
);

-- Per team: an optional chat webhook (Slack/Teams-compatible JSON), signed with HMAC-SHA256 of the body.
create table notification_webhook (
    team_id    bigint        primary key references team (id),
    url        varchar(1000) not null,
    secret     varchar(100)  not null,
    created_at timestamptz   not null default now(),
    version    bigint        not null default 0
);
