/**
 * Scale data: a generator that fills a database with teams, users, projects, full RACI, statuses, evidence with
 * small files, an attestation and audit entries at sizes S, M and L, for benchmarks and load trials.
 */
@org.jspecify.annotations.NullMarked
package com.demarc.scale;
