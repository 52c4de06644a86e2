/** Audit evidence: upload and storage with integrity, versions, validity, review, AWS attestations, audit packages. */
package com.demarc.evidence;
