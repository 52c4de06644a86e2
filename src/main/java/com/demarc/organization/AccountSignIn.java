package com.demarc.organization;

import com.demarc.organization.internal.ExternalIdentityRepository;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static com.demarc.shared.Permissions.HAS_USER_MANAGE;

/** How accounts sign in: where they come from (local, SSO, SCIM), break-glass, last sign-in. */
@Service
public class AccountSignIn {
    /** One account's sign-in facts as the users page shows them. */
    public record SignInFacts(UserId id, String source, boolean breakGlass, @Nullable Instant lastSignInAt) {
    }

    private final ExternalIdentityRepository identities;

    AccountSignIn(ExternalIdentityRepository identities) {
        this.identities = identities;
    }

    /** True when the account may use the local form although local sign-in is off. Unchecked: used by sign-in. */
    @Transactional(readOnly = true)
    public boolean isBreakGlass(UserId user) {
        return identities.isBreakGlass(user);
    }

    /** Records a completed sign-in (the users page's "Last sign-in"). Unchecked: used by sign-in. */
    @Transactional
    public void recordSignIn(UserId user) {
        identities.markSignedIn(user);
    }

    @PreAuthorize(HAS_USER_MANAGE)
    @Transactional(readOnly = true)
    public Map<UserId, SignInFacts> facts(List<UserId> users) {
        return identities.signInColumns(users).stream()
                .map(c -> new SignInFacts(c.id(), c.source(), c.breakGlass(), c.lastSignInAt()))
                .collect(Collectors.toMap(SignInFacts::id, Function.identity()));
    }
}
