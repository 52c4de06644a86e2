package com.demarc.organization;

/** A user as other modules show and pick them. */
public record UserRef(UserId id, String username, String displayName) {
    public String label() {
        return displayName + " (" + username + ")";
    }
}
