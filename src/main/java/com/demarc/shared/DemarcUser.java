package com.demarc.shared;

import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;
import org.jspecify.annotations.Nullable;

import java.io.Serial;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The signed-in user as Spring Security holds it: identity, roles and the permissions those roles grant. */
public final class DemarcUser implements UserDetails, CredentialsContainer {
    @Serial
    private static final long serialVersionUID = 1L;

    private final long id;
    private final String username;
    private final String displayName;
    private final Set<Role> roles;
    private final boolean enabled;
    private final boolean accountNonExpired;
    private final long securityVersion;
    private @Nullable String passwordHash;

    public DemarcUser(long id, String username, String displayName, Set<Role> roles, boolean enabled,
                      @Nullable String passwordHash) {
        this(id, username, displayName, roles, enabled, true, passwordHash);
    }

    /** {@code accountNonExpired} false: an auditor past their end date, whose login is refused. */
    public DemarcUser(long id, String username, String displayName, Set<Role> roles, boolean enabled,
                      boolean accountNonExpired, @Nullable String passwordHash) {
        this(id, username, displayName, roles, enabled, accountNonExpired, passwordHash, 0);
    }

    /** {@code securityVersion}: the account's security version when these rights were read (compared per request). */
    public DemarcUser(long id, String username, String displayName, Set<Role> roles, boolean enabled,
                      boolean accountNonExpired, @Nullable String passwordHash, long securityVersion) {
        this.securityVersion = securityVersion;
        this.accountNonExpired = accountNonExpired;
        this.id = id;
        this.username = username;
        this.displayName = displayName;
        this.roles = roles.isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(roles);
        this.enabled = enabled;
        this.passwordHash = passwordHash;
    }

    public long id() {
        return id;
    }

    /** The security version these rights belong to; a session holding an older one is refreshed or ended. */
    public long securityVersion() {
        return securityVersion;
    }

    /** The same user at a newer security version (their own password change keeps their own session). */
    public DemarcUser withSecurityVersion(long version) {
        return new DemarcUser(id, username, displayName, roles, enabled, accountNonExpired, null, version);
    }

    public String displayName() {
        return displayName;
    }

    public Set<Role> roles() {
        return Set.copyOf(roles);
    }

    public boolean hasRole(Role role) {
        return roles.contains(role);
    }

    /** The roles as a readable list, e.g. "Compliance manager". */
    public String roleLabels() {
        return String.join(", ", roles.stream().map(Role::label).toList());
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        Set<String> names = new LinkedHashSet<>();
        for (Role role : roles) {
            names.add(role.authority());
            names.addAll(role.permissions());
        }
        return List.copyOf(names.stream().map(SimpleGrantedAuthority::new).toList());
    }

    @Override
    public @Nullable String getPassword() {
        return passwordHash;
    }

    @Override
    public String getUsername() {
        return username;
    }

    @Override
    public boolean isAccountNonExpired() {
        return accountNonExpired;
    }

    @Override
    public boolean isEnabled() {
        return enabled;
    }

    @Override
    public void eraseCredentials() {
        passwordHash = null;
    }

    // Sessions are tracked per user (SessionRegistry), so equality is the account's identity.
    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof DemarcUser other && other.id == id;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(id);
    }

    @Override
    public String toString() {
        return "DemarcUser[" + username + "]";
    }
}
