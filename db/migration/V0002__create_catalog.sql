-- The responsibility model (module catalog): versions, domains, controls, the model summary, AWS services.
create table responsibility_model (
    id           bigint generated always as identity primary key,
    provider     varchar(20)  not null,
    name         varchar(200) not null,
    version      varchar(40)  not null,
    published    date         not null,
    source_url   varchar(500) not null default '',
    content_hash char(64)     not null,
    loaded_at    timestamptz  not null default now(),
    loaded_by    varchar(64)  not null,
    constraint responsibility_model_version_uq unique (provider, version)
);

create table catalog_domain (
    id       bigint generated always as identity primary key,
    model_id bigint       references responsibility_model (id) on delete cascade,
    code     varchar(12)  not null,
    name     varchar(200) not null,
    position int          not null
);
-- model_id is null for the organisation's own domain(s), which every version shares.
create unique index catalog_domain_code_uq on catalog_domain (coalesce(model_id, 0), code);

create table control (
    id                   bigint generated always as identity primary key,
    model_id             bigint        references responsibility_model (id) on delete cascade,
    origin               varchar(12)   not null check (origin in ('MODEL', 'ORGANISATION')),
    code                 varchar(40)   not null,
    domain_code          varchar(12)   not null,
    title                varchar(300)  not null,
    description          varchar(4000) not null,
    default_owner        varchar(16)   not null check (default_owner in ('CUSTOMER', 'SHARED', 'AWS')),
    customer_part        varchar(4000),
    aws_part             varchar(4000),
    owner_infrastructure varchar(16)   not null,
    owner_container      varchar(16)   not null,
    owner_abstracted     varchar(16)   not null,
    ccm_ids              varchar(20)[] not null default '{}',
    nist_ids             varchar(30)[] not null default '{}',
    source_url           varchar(500)  not null default '',
    seed_refs            varchar(12)[] not null default '{}',
    position             int           not null default 0,
    created_at           timestamptz   not null default now(),
    updated_at           timestamptz   not null default now(),
    updated_by           varchar(64),
    version              bigint        not null default 0,
    constraint control_category_owner check (
        owner_infrastructure in ('CUSTOMER', 'SHARED', 'AWS', 'NOT_APPLICABLE')
        and owner_container in ('CUSTOMER', 'SHARED', 'AWS', 'NOT_APPLICABLE')
        and owner_abstracted in ('CUSTOMER', 'SHARED', 'AWS', 'NOT_APPLICABLE')),
    constraint control_origin_model check ((origin = 'MODEL') = (model_id is not null)),
    constraint control_shared_halves check (default_owner <> 'SHARED'
        or (coalesce(customer_part, '') <> '' and coalesce(aws_part, '') <> ''))
);
create unique index control_code_uq on control (coalesce(model_id, 0), code);
create index control_model_idx on control (model_id, domain_code, code);

create table seed_item (
    model_id bigint        not null references responsibility_model (id) on delete cascade,
    code     varchar(12)   not null,
    section  varchar(30)   not null,
    text     varchar(1000) not null,
    position int           not null,
    primary key (model_id, code)
);

create table model_summary_row (
    id       bigint generated always as identity primary key,
    model_id bigint        not null references responsibility_model (id) on delete cascade,
    code     varchar(12)   not null,
    text     varchar(1000) not null,
    owner    varchar(16)   not null check (owner in ('CUSTOMER', 'SHARED', 'AWS')),
    position int           not null,
    constraint model_summary_row_uq unique (model_id, code)
);

create table model_summary_control (
    row_id     bigint not null references model_summary_row (id) on delete cascade,
    control_id bigint not null references control (id) on delete cascade,
    primary key (row_id, control_id)
);

create table aws_service (
    id         bigint generated always as identity primary key,
    code       varchar(40)  not null,
    name       varchar(200) not null,
    category   varchar(16)  not null check (category in ('INFRASTRUCTURE', 'CONTAINER', 'ABSTRACTED')),
    created_at timestamptz  not null default now(),
    updated_at timestamptz  not null default now(),
    updated_by varchar(64),
    version    bigint       not null default 0,
    constraint aws_service_code_uq unique (code)
);

-- The organisation's own controls ("customer-specific controls") may use any model domain or this one.
insert into catalog_domain (model_id, code, name, position) values (null, 'ORG', 'Organisation-specific controls', 999);
