-- Published views of module catalog (issue 12, ADR 0010 "Published views"): what other modules may join in their SQL
-- about responsibility models and controls, instead of reading responsibility_model, control and catalog_domain.
-- Simple views: PostgreSQL inlines them into the caller's query, so plans and indexes stay those of the tables, and
-- a column the caller does not select (domain_name) is not computed.
create view catalog_model_v as
select id, provider, name, version, name || ' ' || version as label from responsibility_model;
comment on view catalog_model_v is 'catalog publishes: a responsibility model version and its label "name version"';

create view catalog_control_v as
select c.id, c.model_id, c.code, c.title, c.domain_code, c.position,
       coalesce((select d.name from catalog_domain d
                  where d.code = c.domain_code and (d.model_id = c.model_id or d.model_id is null)
                  order by d.model_id nulls last limit 1), c.domain_code) as domain_name
  from control c;
comment on view catalog_control_v is 'catalog publishes: a control''s code, title, position and domain (name from its model, else the shared domain, else the code)';
