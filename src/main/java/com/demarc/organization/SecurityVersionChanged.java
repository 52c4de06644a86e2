package com.demarc.organization;

/** Published when a user's security version is bumped (caches of session state drop the user after commit). */
public record SecurityVersionChanged(UserId userId, long version, SecurityVersions.Reason reason) {
}
