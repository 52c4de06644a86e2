-- Module audit: entries are looked up by entity (an audit package's files against the hashes their uploads recorded).
create index audit_log_entity_idx on audit_log (entity_type, entity_id, seq);
