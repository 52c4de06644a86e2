package com.demarc.shared;

/** Published when a signed-in user is refused a page or an operation, so it can be audited. */
public record AccessDenied(String username, String what) {
}
