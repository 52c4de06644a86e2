package com.demarc.organization;

/**
 * Something happened to the security of a person's account (published by organization, security and api): the
 * person is told at once, whatever their notification settings (account security cannot be turned off). Published
 * in the changing transaction, or on its own where the change is recorded independently (a sign-in lock).
 */
public record AccountSecurityEvent(String username, What what, String detail) {

    /** What happened, with the sentence the person reads. */
    public enum What {
        PASSWORD_CHANGED("Your Demarc password was changed"),
        PASSWORD_RESET("An administrator reset your Demarc password"),
        TWO_STEP_ENABLED("Two-step sign-in was turned on for your Demarc account"),
        TWO_STEP_RESET("An administrator reset the two-step sign-in of your Demarc account"),
        API_TOKEN_CREATED("A new API token was created for your Demarc account"),
        SIGN_IN_LOCKED("Sign-in to your Demarc account was locked after repeated failures");

        private final String title;

        What(String title) {
            this.title = title;
        }

        public String title() {
            return title;
        }
    }
}
