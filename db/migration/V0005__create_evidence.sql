-- Evidence: content stored in chunks, items with versions, review, validity; AWS attestations (module evidence).
create table evidence_content (
    id         bigint generated always as identity primary key,
    size_bytes bigint      not null check (size_bytes >= 0),
    sha256     char(64)    not null,
    chunks     int         not null,
    created_at timestamptz not null default now()
);

-- Content in 1 MiB pieces, so neither side ever holds a whole file in memory (pgjdbc reads a bytea value whole).
create table evidence_chunk (
    content_id bigint not null references evidence_content (id) on delete cascade,
    seq        int    not null,
    data       bytea  not null,
    primary key (content_id, seq)
);

create table evidence_item (
    id                 bigint generated always as identity primary key,
    project_control_id bigint        not null references project_control (id) on delete cascade,
    kind               varchar(8)    not null check (kind in ('FILE', 'LINK')),
    title              varchar(300)  not null,
    description        varchar(2000) not null default '',
    url                varchar(2000),
    valid_from         date,
    valid_until        date,
    created_at         timestamptz   not null default now(),
    created_by         varchar(64)   not null,
    updated_at         timestamptz   not null default now(),
    updated_by         varchar(64),
    version            bigint        not null default 0,
    constraint evidence_link_has_url check (kind <> 'LINK' or url ~ '^https?://'),
    constraint evidence_validity_order check (valid_from is null or valid_until is null or valid_from <= valid_until)
);
create index evidence_item_control_idx on evidence_item (project_control_id);

create table evidence_version (
    id             bigint generated always as identity primary key,
    item_id        bigint        not null references evidence_item (id) on delete cascade,
    version_no     int           not null,
    content_id     bigint        references evidence_content (id),
    file_name      varchar(255),
    content_type   varchar(100),
    size_bytes     bigint,
    sha256         char(64),
    uploaded_by    varchar(64)   not null,
    uploaded_at    timestamptz   not null default now(),
    review_state   varchar(10)   not null default 'SUBMITTED' check (review_state in ('SUBMITTED', 'ACCEPTED', 'REJECTED')),
    reviewed_by    varchar(64),
    reviewed_at    timestamptz,
    review_comment varchar(2000),
    version        bigint        not null default 0,
    constraint evidence_version_no_uq unique (item_id, version_no)
);
create index evidence_version_item_idx on evidence_version (item_id, version_no desc);

create table attestation (
    id           bigint generated always as identity primary key,
    name         varchar(300)  not null,
    report_type  varchar(100)  not null,
    period_from  date          not null,
    period_to    date          not null,
    valid_until  date          not null,
    url          varchar(2000),
    content_id   bigint        references evidence_content (id),
    file_name    varchar(255),
    content_type varchar(100),
    size_bytes   bigint,
    sha256       char(64),
    created_at   timestamptz   not null default now(),
    created_by   varchar(64)   not null,
    version      bigint        not null default 0,
    constraint attestation_period check (period_from <= period_to),
    constraint attestation_file_or_link check (url is not null or content_id is not null)
);

create table attestation_link (
    attestation_id     bigint not null references attestation (id) on delete cascade,
    project_control_id bigint not null references project_control (id) on delete cascade,
    linked_at          timestamptz not null default now(),
    linked_by          varchar(64) not null,
    primary key (attestation_id, project_control_id)
);
create index attestation_link_control_idx on attestation_link (project_control_id);
