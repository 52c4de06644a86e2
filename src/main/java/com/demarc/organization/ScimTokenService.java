package com.demarc.organization;

import com.demarc.audit.AuditAction;
import com.demarc.audit.AuditLog;
import com.demarc.organization.internal.scim.ScimTokens;
import com.demarc.shared.Actors;
import com.demarc.shared.UserFacingException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.List;

import static com.demarc.shared.Permissions.HAS_USER_MANAGE;

/** What admins do with the identity provider's SCIM bearer tokens: create (shown once), list, revoke. */
@Service
public class ScimTokenService {
    private final ScimTokens tokens;
    private final AuditLog audit;

    ScimTokenService(ScimTokens tokens, AuditLog audit) {
        this.tokens = tokens;
        this.audit = audit;
    }

    @PreAuthorize(HAS_USER_MANAGE)
    @Transactional
    public ScimToken.Created createToken(String name) {
        String clean = name == null ? "" : name.strip();
        if (clean.isEmpty() || clean.length() > 100) {
            throw new UserFacingException("Name the token (1 to 100 characters), e.g. the identity provider that uses it.");
        }
        var created = tokens.create(clean, Actors.currentUsername());
        audit.record(AuditAction.SCIM_TOKEN_CREATED, "scim_token", created.token().id(),
                "Created SCIM token '" + clean + "'", null, "name=" + clean);
        return created;
    }

    @PreAuthorize(HAS_USER_MANAGE)
    @Transactional(readOnly = true)
    public List<ScimToken> tokens() {
        return tokens.list();
    }

    @PreAuthorize(HAS_USER_MANAGE)
    @Transactional
    public void revokeToken(long id) {
        var token = tokens.find(id).orElseThrow(() -> new UserFacingException("This token no longer exists."));
        if (tokens.revoke(id)) {
            audit.record(AuditAction.SCIM_TOKEN_REVOKED, "scim_token", id, "Revoked SCIM token '" + token.name() + "'",
                    "active", "revoked");
        }
    }
}
