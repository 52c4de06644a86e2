/**
 * Automated evidence (issue 18, ADR 0020): AWS Security Hub and AWS Config results imported per project, mapped to
 * catalog controls through a mapping shipped with the catalog, stored as immutable evidence, feeding coverage.
 */
@org.jspecify.annotations.NullMarked
package com.demarc.automation;
