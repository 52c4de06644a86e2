package com.demarc.security.internal.oidc;

import com.demarc.organization.ExternalLogin;
import com.demarc.organization.ExternalSignIn;
import com.demarc.shared.DemarcUser;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

import java.io.Serial;
import java.util.Collection;
import java.util.List;

/**
 * Runs after Spring Security checked the ID token (signature, {@code iss}, {@code aud}, {@code exp}, {@code nonce}):
 * maps the groups claim and hands the person to {@link ExternalSignIn}, which creates, links or updates the account.
 * A refusal becomes an authentication failure carrying the message for the login page.
 */
public class SsoUserService implements OAuth2UserService<OidcUserRequest, OidcUser> {
    /** Spring Security's OIDC user plus the Demarc account it signed in as. */
    public static final class SignedIn extends DefaultOidcUser {
        @Serial
        private static final long serialVersionUID = 1L;
        private final DemarcUser user;
        private final String provider;

        SignedIn(OidcUser oidc, DemarcUser user, String provider) {
            super(user.getAuthorities(), oidc.getIdToken(), oidc.getUserInfo());
            this.user = user;
            this.provider = provider;
        }

        public DemarcUser user() {
            return user;
        }

        public String provider() {
            return provider;
        }
    }

    /** The error code of a refusal by the mapping rules (its description is the message for the person). */
    public static final String REFUSED = "demarc_refused";

    private final OidcUserService delegate = new OidcUserService();
    private final ExternalSignIn signIn;
    private final SsoProperties settings;

    public SsoUserService(ExternalSignIn signIn, SsoProperties settings) {
        this.signIn = signIn;
        this.settings = settings;
    }

    @Override
    public OidcUser loadUser(OidcUserRequest request) throws OAuth2AuthenticationException {
        OidcUser oidc = delegate.loadUser(request);
        var registration = request.getClientRegistration();
        String provider = registration.getClientName() != null ? registration.getClientName() : registration.getRegistrationId();
        Object claim = oidc.getClaims().get(settings.getGroupsClaim());
        List<String> groups = claim instanceof Collection<?> c ? c.stream().map(String::valueOf).toList()
                : claim instanceof String s ? List.of(s) : List.of();
        var granted = new GroupMapping(settings.getRoles(), settings.getTeamPrefix()).map(groups);
        var result = signIn.signIn(new ExternalLogin(provider, String.valueOf(oidc.getIssuer()), oidc.getSubject(),
                oidc.getEmail(), oidc.getFullName(), oidc.getPreferredUsername(), granted.roles(), granted.teamNames(),
                claim != null));
        if (!result.allowed()) {
            throw new OAuth2AuthenticationException(new OAuth2Error(REFUSED, result.refusal(), null), result.refusal());
        }
        var account = result.account();
        var user = new DemarcUser(account.id().value(), account.username(), account.displayName(), account.roles(),
                account.enabled(), true, null, account.securityVersion());
        return new SignedIn(oidc, user, provider);
    }
}
