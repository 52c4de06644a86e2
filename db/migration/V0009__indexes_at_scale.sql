-- Found by the benchmarks at a million project controls (issue 8, docs/benchmarks.md).

-- A page of RACI (matrix, My responsibilities) reads a row's assignments by row: without this, a scan of them all.
create index raci_assignment_control_idx on raci_assignment (project_control_id);
-- The RACI matrix across all teams pages in project-name order: walking projects by name lets PostgreSQL stop after
-- one page instead of sorting every project control.
create index project_name_idx on project (lower(name), id);
-- The audit log filtered by action pages newest first.
create index audit_log_action_seq_idx on audit_log (action, seq);

-- The coverage rule, unchanged, written so that a filter on one project reaches every part of it: evidence, RACI and
-- attestations are looked up per row (lateral, by index) instead of aggregated for every row first and joined. The
-- refresh of one project after a change then reads that project's rows only (was: every row, 2 s at 1M rows).
create or replace view coverage_state_v as
select pc.id as project_control_id, pc.project_id, p.team_id, c.code, c.domain_code, pc.owner,
       case
           when pc.owner = 'NOT_APPLICABLE' or pc.status = 'NOT_APPLICABLE' then 'NOT_APPLICABLE'
           when pc.owner = 'AWS' then case when at.attested then 'COVERED' else 'ATTESTATION_MISSING' end
           when not coalesce(r.has_a and r.has_r, false) then 'UNOWNED'
           when pc.status <> 'IMPLEMENTED' then 'NOT_IMPLEMENTED'
           when coalesce(e.valid, false) then 'COVERED'
           else 'NO_EVIDENCE'
       end as state,
       (pc.owner in ('CUSTOMER', 'SHARED') and pc.status = 'IMPLEMENTED' and coalesce(e.valid, false)
            and not coalesce(e.lasting, false)) as expiring,
       (pc.due_date is not null and pc.due_date < current_date
            and pc.status in ('NOT_STARTED', 'IN_PROGRESS') and pc.owner in ('CUSTOMER', 'SHARED')) as overdue,
       (pc.owner in ('CUSTOMER', 'SHARED') and e.items > 0 and not coalesce(e.valid, false)) as expired
  from project_control pc
  join project p on p.id = pc.project_id and not p.archived
  join control c on c.id = pc.control_id
  cross join lateral (
      select count(*) as items,
             bool_or(v.review_state = 'ACCEPTED' and (i.valid_until is null or i.valid_until >= current_date)) as valid,
             bool_or(v.review_state = 'ACCEPTED' and (i.valid_until is null or i.valid_until > current_date + 30)) as lasting
        from evidence_item i
        join lateral (select review_state from evidence_version x where x.item_id = i.id
                       order by x.version_no desc limit 1) v on true
       where i.project_control_id = pc.id) e
  cross join lateral (
      select bool_or(a.role = 'A' and a.user_id is not null) as has_a, bool_or(a.role = 'R') as has_r
        from raci_assignment a where a.project_control_id = pc.id) r
  cross join lateral (
      select exists (select 1 from attestation_link l join attestation a on a.id = l.attestation_id
                      where l.project_control_id = pc.id and a.valid_until >= current_date) as attested) at;
