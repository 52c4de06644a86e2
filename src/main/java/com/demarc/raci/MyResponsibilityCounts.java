package com.demarc.raci;

/**
 * What My responsibilities counts, in one query: the rows of each list (controls naming the user Responsible or
 * Accountable, Consulted or Informed, directly or through a team, in projects the user can open), and the controls
 * naming the user Responsible or Accountable in projects the user cannot open (counted apart, never listed).
 */
public record MyResponsibilityCounts(int responsibleOrAccountable, int consultedOrInformed, int elsewhere) {
}
