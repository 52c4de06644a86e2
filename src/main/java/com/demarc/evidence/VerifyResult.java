package com.demarc.evidence;

/** The outcome of re-reading stored content and hashing it again. */
public record VerifyResult(boolean intact, String expectedSha256, String actualSha256, long size) {
}
