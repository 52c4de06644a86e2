-- Evidence is mostly already compressed (PDF, PNG, JPEG, ZIP, XLSX, DOCX): PostgreSQL's attempt to compress every
-- 1 MiB chunk (TOAST, pglz) costs CPU on each upload for little or no gain. Store chunks out of line, uncompressed.
-- Existing chunks keep their form; new ones are written this way (issue 8, docs/benchmarks.md).
alter table evidence_chunk alter column data set storage external;
