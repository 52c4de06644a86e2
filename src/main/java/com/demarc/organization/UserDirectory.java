package com.demarc.organization;

import com.demarc.organization.internal.UserRepository;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.List;
import java.util.Optional;

/**
 * Read access to accounts for sign-in and for scope checks of other modules. Not permission-checked: it runs
 * before anyone is signed in and returns nothing a user could not already see about themselves.
 */
@Service
public class UserDirectory {
    private final UserRepository users;

    UserDirectory(UserRepository users) {
        this.users = users;
    }

    @Transactional(readOnly = true)
    public Optional<LoginAccount> findForLogin(String username) {
        return username == null ? Optional.empty() : users.findLogin(username.strip().toLowerCase(java.util.Locale.ROOT));
    }

    /** The teams an auditor may read; empty means every team. */
    @Transactional(readOnly = true)
    public List<TeamId> auditorScope(UserId user) {
        return users.auditorScope(user);
    }

    /** The teams a user belongs to now (read live, so a membership change applies at once). */
    @Transactional(readOnly = true)
    public List<TeamId> teamsOf(UserId user) {
        return users.teamsOf(user);
    }

    /**
     * Those of the given users who may not be Responsible or Accountable: only enabled users with the team-member or
     * compliance-manager role can act on a control (not auditors, administrators-only or disabled accounts).
     */
    @Transactional(readOnly = true)
    public java.util.Set<UserId> ineligibleOwners(java.util.Collection<UserId> users) {
        var eligible = this.users.eligibleOwnersAmong(users);
        var result = new java.util.LinkedHashSet<UserId>(users);
        result.removeAll(eligible);
        return result;
    }

    /** Those of the given users who are neither members of this team nor compliance managers (one query). */
    @Transactional(readOnly = true)
    public java.util.Set<UserId> outsideTeam(java.util.Collection<UserId> users, TeamId team) {
        return this.users.outsideTeam(users, team);
    }

    /** The enabled members of these teams (each once), e.g. to tell a team its letter. */
    @Transactional(readOnly = true)
    public List<UserId> enabledMembersOf(java.util.Collection<TeamId> teams) {
        return users.enabledMembersOf(teams);
    }

    /** The enabled users holding this role, e.g. the reviewers (managers) of submitted evidence. */
    @Transactional(readOnly = true)
    public List<UserId> enabledWithRole(com.demarc.shared.Role role) {
        return users.enabledWithRole(role.name());
    }

    /** Name and e-mail address of these users (for notifications), in id order; unknown ids are left out. */
    @Transactional(readOnly = true)
    public List<Contact> contacts(java.util.Collection<UserId> users) {
        return this.users.contacts(users);
    }

    /** The id of the account with this username, if there is one. */
    @Transactional(readOnly = true)
    public Optional<UserId> idOf(String username) {
        return users.idOf(username);
    }
}
