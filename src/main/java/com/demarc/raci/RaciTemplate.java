package com.demarc.raci;

import java.time.Instant;

/** A saved RACI pattern (control code → letters) that can be applied to many projects. */
public record RaciTemplate(long id, String name, int entries, Instant createdAt, String createdBy) {
}
