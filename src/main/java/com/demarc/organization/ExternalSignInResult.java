package com.demarc.organization;

import org.jspecify.annotations.Nullable;

/** The outcome of a company sign-in: the account to sign in, or a refusal that says what to do. */
public record ExternalSignInResult(@Nullable LoginAccount account, @Nullable String refusal) {
    static ExternalSignInResult signedIn(LoginAccount account) {
        return new ExternalSignInResult(account, null);
    }

    static ExternalSignInResult refused(String refusal) {
        return new ExternalSignInResult(null, refusal);
    }

    public boolean allowed() {
        return account != null;
    }
}
