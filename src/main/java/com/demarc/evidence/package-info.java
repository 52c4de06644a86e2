/** Audit evidence: upload and storage with integrity, versions, validity, review, AWS attestations, audit packages. */
@org.jspecify.annotations.NullMarked
package com.demarc.evidence;
