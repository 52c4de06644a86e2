package com.demarc.project;

import java.util.List;
import java.util.Map;

/**
 * The evidence state of a page of project controls, answered by the evidence module (which owns the evidence and
 * attestation tables and depends on this one: the interface lives here so that modules below {@code evidence}, such
 * as {@code raci}, can ask without a cycle).
 */
public interface EvidenceStates {
    /** One state per row (rows without evidence: {@link EvidenceState#NONE}), in one query per kind of row. */
    Map<ProjectControlId, EvidenceState> states(List<ProjectControl> page);
}
