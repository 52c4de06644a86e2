package com.demarc.organization;

import com.demarc.audit.AuditAction;
import com.demarc.audit.AuditLog;
import com.demarc.organization.internal.ExternalIdentityRepository;
import com.demarc.organization.internal.TeamRepository;
import com.demarc.organization.internal.UserRepository;
import com.demarc.shared.Role;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Company sign-in (OIDC) on the organization's side: who the identity provider says a person is becomes a Demarc
 * account at every sign-in (ADR 0012). Linking: by the (issuer, subject) pair only, or, at the first sign-in, to an
 * account that SCIM provisioned (no password) with the same e-mail; a local account with the same e-mail is never
 * merged. Roles and teams are replaced by what the groups grant, each change audited and bumping the security
 * version. Not permission-checked: it runs while nobody is signed in, on claims the provider signed.
 */
@Service
public class ExternalSignIn {
    private static final String SSO = "SSO";

    private final ExternalIdentityRepository identities;
    private final UserRepository users;
    private final TeamRepository teams;
    private final SecurityVersions securityVersions;
    private final ApplicationEventPublisher events;
    private final AuditLog audit;

    ExternalSignIn(ExternalIdentityRepository identities, UserRepository users, TeamRepository teams,
                   SecurityVersions securityVersions, ApplicationEventPublisher events, AuditLog audit) {
        this.identities = identities;
        this.users = users;
        this.teams = teams;
        this.securityVersions = securityVersions;
        this.events = events;
        this.audit = audit;
    }

    /** Creates, links or updates the account; a refusal is audited and, for a person who lost every group, disables it. */
    @Transactional
    public ExternalSignInResult signIn(ExternalLogin login) {
        String actor = "sso:" + login.provider();
        var linked = identities.findLinked(login.issuer(), login.subject());
        String who = linked.map(ExternalIdentityRepository.Candidate::username)
                .orElse(login.email() != null ? login.email() : login.subject());
        if (login.roles().isEmpty()) {
            String why = !login.groupsPresent() ? "the sign-in carried no groups claim" : "none of the groups maps to a Demarc role";
            if (linked.isPresent() && linked.get().enabled()) {
                var id = linked.get().id();
                var before = users.findById(id).orElseThrow();
                users.update(id, before.version(), before.displayName(), before.email(), false, before.roles(), actor);
                securityVersions.bump(id, SecurityVersions.Reason.DISABLED);
                events.publishEvent(new UserDisabled(id, before.username()));
                audit.record(AuditAction.USER_DISABLED, "user", before.username(), "Disabled " + before.username()
                        + ": removed from every Demarc group at " + login.provider(), describe(before.roles(), before.teamNames()), "disabled");
            }
            audit.recordIndependently(AuditAction.SSO_SIGN_IN_REFUSED, "user", who,
                    "Sign-in of " + who + " with " + login.provider() + " refused: " + why);
            return ExternalSignInResult.refused("Your " + login.provider() + " account has no access to Demarc. "
                    + "Ask your administrator to add you to a Demarc group.");
        }
        UserId id;
        if (linked.isPresent()) {
            if (!linked.get().enabled()) {
                audit.recordIndependently(AuditAction.SSO_SIGN_IN_REFUSED, "user", who,
                        "Sign-in of " + who + " with " + login.provider() + " refused: the Demarc account is disabled");
                return ExternalSignInResult.refused("Your Demarc account is disabled. Ask an administrator to enable it.");
            }
            id = linked.get().id();
            identities.seen(login.issuer(), login.subject());
        } else {
            if (login.email() == null || login.email().isBlank()) {
                audit.recordIndependently(AuditAction.SSO_SIGN_IN_REFUSED, "user", who,
                        "Sign-in of " + who + " with " + login.provider() + " refused: no e-mail claim");
                return ExternalSignInResult.refused(login.provider() + " did not send your e-mail address, which Demarc "
                        + "needs for a new account. Ask your administrator to release the email claim to Demarc.");
            }
            var sameEmail = identities.findByEmail(login.email());
            var provisioned = sameEmail.stream().filter(c -> "SCIM".equals(c.source()) && !c.hasPassword()).findFirst();
            if (provisioned.isPresent()) {
                id = provisioned.get().id();
                if (!provisioned.get().enabled()) {
                    audit.recordIndependently(AuditAction.SSO_SIGN_IN_REFUSED, "user", who, "Sign-in of " + who
                            + " with " + login.provider() + " refused: the provisioned account is disabled");
                    return ExternalSignInResult.refused("Your Demarc account is disabled. Ask an administrator to enable it.");
                }
                identities.link(id, login.issuer(), login.subject());
            } else if (!sameEmail.isEmpty()) {
                audit.recordIndependently(AuditAction.SSO_SIGN_IN_REFUSED, "user", sameEmail.getFirst().username(),
                        "Sign-in with " + login.provider() + " (subject " + login.subject() + ") refused: a Demarc account "
                                + sameEmail.getFirst().username() + " has the same e-mail and is not linked (never merged silently)");
                return ExternalSignInResult.refused("A Demarc account with your e-mail address already exists and is not "
                        + "linked to " + login.provider() + ". Ask an administrator to link or remove it; until then sign in "
                        + "with that account's password.");
            } else {
                String name = blankToNull(login.displayName()) != null ? login.displayName().strip() : login.email();
                id = users.insert(freeUsername(login), truncate(name, 200), login.email().strip(), null, true, login.roles(), actor);
                identities.setSource(id, SSO);
                identities.link(id, login.issuer(), login.subject());
                var created = users.findById(id).orElseThrow();
                audit.record(AuditAction.USER_CREATED, "user", created.username(), "Created user " + created.username()
                        + " at first sign-in with " + login.provider(), null, describe(login.roles(), List.of()));
            }
        }
        applyRights(id, login, actor);
        identities.markSignedIn(id);
        return ExternalSignInResult.signedIn(users.findLogin(users.findById(id).orElseThrow().username()).orElseThrow());
    }

    private void applyRights(UserId id, ExternalLogin login, String actor) {
        var before = users.findById(id).orElseThrow();
        var teamIds = new LinkedHashSet<TeamId>();
        var unknownTeams = new TreeSet<String>();
        for (String name : login.teamNames()) {
            teams.findByName(name).ifPresentOrElse(teamIds::add, () -> unknownTeams.add(name));
        }
        String displayName = blankToNull(login.displayName()) != null ? truncate(login.displayName().strip(), 200) : before.displayName();
        String email = blankToNull(login.email()) != null ? login.email().strip() : before.email();
        boolean rolesChanged = !Set.copyOf(before.roles()).equals(login.roles());
        boolean teamsChanged = !Set.copyOf(before.teamIds()).equals(teamIds);
        if (rolesChanged || !displayName.equals(before.displayName()) || !email.equals(before.email())) {
            users.update(id, before.version(), displayName, email, true, login.roles(), actor);
        }
        if (teamsChanged) {
            users.replaceMemberships(id, teamIds);
        }
        var after = users.findById(id).orElseThrow();
        if (rolesChanged) {
            securityVersions.bump(id, SecurityVersions.Reason.ROLES_CHANGED);
        }
        if (teamsChanged) {
            securityVersions.bump(id, SecurityVersions.Reason.TEAMS_CHANGED);
        }
        if (rolesChanged || teamsChanged) {
            audit.record(AuditAction.SSO_ACCESS_CHANGED, "user", after.username(), after.username() + " "
                            + changes(before, after) + " from " + login.provider(),
                    describe(before.roles(), before.teamNames()), describe(after.roles(), after.teamNames()));
        }
        if (!unknownTeams.isEmpty()) {
            org.slf4j.LoggerFactory.getLogger(ExternalSignIn.class).info(
                    "{} has groups for teams Demarc does not have (ignored): {}", after.username(), unknownTeams);
        }
    }

    /** "gained MANAGER, lost MEMBER, joined team Payments, left team Data Platform". */
    private static String changes(UserAccount before, UserAccount after) {
        var parts = new java.util.ArrayList<String>();
        after.roles().stream().filter(r -> !before.roles().contains(r)).sorted().forEach(r -> parts.add("gained " + r));
        before.roles().stream().filter(r -> !after.roles().contains(r)).sorted().forEach(r -> parts.add("lost " + r));
        after.teamNames().stream().filter(t -> !before.teamNames().contains(t)).forEach(t -> parts.add("joined team " + t));
        before.teamNames().stream().filter(t -> !after.teamNames().contains(t)).forEach(t -> parts.add("left team " + t));
        return String.join(", ", parts);
    }

    private static String describe(Set<Role> roles, List<String> teamNames) {
        return "roles=" + new TreeSet<>(roles.stream().map(Role::name).toList()) + " teams=" + teamNames;
    }

    /** A valid, unused username from preferred_username or the e-mail's local part ("Jane.Doe@x" → "jane.doe"). */
    private String freeUsername(ExternalLogin login) {
        String base = blankToNull(login.preferredUsername()) != null ? login.preferredUsername() : login.email();
        base = base.toLowerCase(Locale.ROOT);
        if (base.contains("@")) {
            base = base.substring(0, base.indexOf('@'));
        }
        base = base.replaceAll("[^a-z0-9._-]", "-").replaceAll("^[^a-z0-9]+", "");
        if (base.length() < 2) {
            base = "user-" + base;
        }
        base = truncate(base, 58);
        String candidate = base;
        for (int i = 2; users.exists(candidate); i++) {
            candidate = base + "-" + i;
        }
        return candidate;
    }

    private static @Nullable String blankToNull(@Nullable String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
