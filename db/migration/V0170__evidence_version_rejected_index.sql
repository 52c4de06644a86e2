-- My responsibilities shows each uploader their rejected evidence on every visit (EvidenceRepository.rejectedOf):
-- without an index that read scanned every evidence version (issue 17's cluster benchmark: ~0.6 ms per visit at
-- size S, growing with the evidence kept). Partial: rejected versions are few.
create index evidence_version_rejected_idx on evidence_version (uploaded_by, reviewed_at desc)
    where review_state = 'REJECTED';
