package com.demarc.organization;

/** How to reach a person (for notifications): display name and e-mail address as stored, and whether enabled. */
public record Contact(UserId id, String username, String displayName, String email, boolean enabled) {
    public boolean hasEmail() {
        return email != null && !email.isBlank();
    }
}
