package com.demarc.raci;

/** One letter held by one person or team. */
public record RaciEntry(RaciRole role, Assignee assignee) {
}
