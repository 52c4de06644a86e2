/**
 * NIST OSCAL export and import: the catalog as an OSCAL catalog and profile, AWS as a component definition (its
 * Customer Responsibility Matrix), a project as a system security plan, and OSCAL catalogs/profiles imported as new
 * responsibility model versions. Reads the other modules through their public services only (ADR 0015).
 */
@org.jspecify.annotations.NullMarked
package com.demarc.oscal;
