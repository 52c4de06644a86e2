package com.demarc.organization;

import com.demarc.audit.AuditAction;
import com.demarc.organization.internal.TeamRepository;
import com.demarc.organization.internal.UserRepository;
import com.demarc.shared.Actors;
import com.demarc.shared.ConcurrentEditException;
import com.demarc.shared.UserFacingException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import static com.demarc.shared.Permissions.HAS_TEAM_MANAGE;
import static com.demarc.shared.Permissions.HAS_TEAM_READ;
import static com.demarc.shared.Permissions.HAS_USER_MANAGE;

/** What admins do with users and teams. Every operation needs the matching permission. */
@Service
public class OrganizationService {
    private final com.demarc.audit.AuditLog audit;
    private static final Pattern USERNAME = Pattern.compile("^[a-z0-9][a-z0-9._-]{1,63}$");
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+$");

    private final UserRepository users;
    private final TeamRepository teams;
    private final PasswordEncoder passwordEncoder;
    private final PasswordPolicy passwordPolicy;
    private final ApplicationEventPublisher events;
    private final SecurityVersions securityVersions;
    private final PasswordAttempts passwordAttempts;

    OrganizationService(UserRepository users, TeamRepository teams, PasswordEncoder passwordEncoder,
                        PasswordPolicy passwordPolicy, ApplicationEventPublisher events,
                        com.demarc.audit.AuditLog audit, SecurityVersions securityVersions,
                        PasswordAttempts passwordAttempts) {
        this.securityVersions = securityVersions;
        this.passwordAttempts = passwordAttempts;
        this.users = users;
        this.teams = teams;
        this.passwordEncoder = passwordEncoder;
        this.passwordPolicy = passwordPolicy;
        this.events = events;
        this.audit = audit;
    }

    @PreAuthorize(HAS_USER_MANAGE)
    @Transactional(readOnly = true)
    public List<UserAccount> findUsers(String filter, int offset, int limit) {
        return users.find(clean(filter), offset, limit);
    }

    @PreAuthorize(HAS_USER_MANAGE)
    @Transactional(readOnly = true)
    public int countUsers(String filter) {
        return users.count(clean(filter));
    }

    @PreAuthorize(HAS_USER_MANAGE)
    @Transactional
    public UserAccount createUser(UserDraft draft, String initialPassword) {
        var problems = validate(draft, true);
        problems.addAll(passwordPolicy.problems(initialPassword, draft.username(), draft.displayName(), draft.email()));
        if (!problems.isEmpty()) {
            throw new UserFacingException("The user was not saved: fix the fields below.", problems);
        }
        try {
            var id = users.insert(draft.username().strip(), draft.displayName().strip(), draft.email().strip(),
                    passwordEncoder.encode(initialPassword), draft.enabled(), draft.roles(), Actors.currentUsername());
            users.replaceMemberships(id, draft.teams());
            var created = users.findById(id).orElseThrow();
            audit.record(AuditAction.USER_CREATED, "user", created.username(), "Created user " + created.username(), null, describe(created));
            return created;
        } catch (DuplicateKeyException e) {
            throw new UserFacingException("The username '" + draft.username() + "' is taken: choose another.");
        }
    }

    @PreAuthorize(HAS_USER_MANAGE)
    @Transactional
    public UserAccount updateUser(UserId id, long expectedVersion, UserDraft draft) {
        var problems = validate(draft, false);
        if (!problems.isEmpty()) {
            throw new UserFacingException("The user was not saved: fix the fields below.", problems);
        }
        var before = users.findById(id).orElseThrow(() -> new UserFacingException("This user no longer exists."));
        var me = Actors.current();
        // separation of duties: nobody changes their own rights, another administrator must
        if (me.isPresent() && me.get().id() == id.value()) {
            if (!draft.enabled()) {
                throw new UserFacingException("You cannot disable your own account: ask another administrator.");
            }
            if (!draft.roles().contains(com.demarc.shared.Role.ADMIN)) {
                throw new UserFacingException("You cannot remove your own administrator role: ask another administrator.");
            }
            if (!Set.copyOf(draft.roles()).equals(Set.copyOf(before.roles()))) {
                throw new UserFacingException("You cannot grant roles to yourself: ask another administrator.");
            }
            if (!Set.copyOf(draft.teams()).equals(Set.copyOf(before.teamIds()))) {
                throw new UserFacingException("You cannot change your own team memberships (they grant rights on the "
                        + "teams' projects): ask another administrator.");
            }
        }
        if (!users.update(id, expectedVersion, draft.displayName().strip(), draft.email().strip(), draft.enabled(),
                draft.roles(), Actors.currentUsername())) {
            throw new ConcurrentEditException("User " + before.username(), before.updatedBy(), before.updatedAt());
        }
        users.replaceMemberships(id, draft.teams());
        var after = users.findById(id).orElseThrow();
        if (before.enabled() && !after.enabled()) {
            securityVersions.bump(id, SecurityVersions.Reason.DISABLED);
            events.publishEvent(new UserDisabled(id, before.username()));
        } else if (!before.enabled() && after.enabled()) {
            securityVersions.bump(id, SecurityVersions.Reason.ENABLED);
        }
        if (!Set.copyOf(before.roles()).equals(Set.copyOf(after.roles()))) {
            securityVersions.bump(id, SecurityVersions.Reason.ROLES_CHANGED);
        }
        if (!Set.copyOf(before.teamIds()).equals(Set.copyOf(after.teamIds()))) {
            securityVersions.bump(id, SecurityVersions.Reason.TEAMS_CHANGED);
        }
        audit.record(before.enabled() && !after.enabled() ? AuditAction.USER_DISABLED : AuditAction.USER_UPDATED, "user", after.username(),
                "Changed user " + after.username(), describe(before), describe(after));
        return after;
    }

    @PreAuthorize(HAS_USER_MANAGE)
    @Transactional
    public void resetPassword(UserId id, String newPassword) {
        var user = users.findById(id).orElseThrow(() -> new UserFacingException("This user no longer exists."));
        var problems = passwordPolicy.problems(newPassword, user.username(), user.displayName(), user.email());
        if (!problems.isEmpty()) {
            throw new UserFacingException("The password was not changed.", problems);
        }
        users.updatePassword(id, passwordEncoder.encode(newPassword), Actors.currentUsername());
        // every session of the user ends, on every node (they sign in with the new password)
        securityVersions.bump(id, SecurityVersions.Reason.PASSWORD_RESET);
        events.publishEvent(new AccountSecurityEvent(user.username(), AccountSecurityEvent.What.PASSWORD_RESET,
                "Reset by " + Actors.currentUsername() + "."));
        audit.record(AuditAction.PASSWORD_RESET, "user", user.username(), "Reset the password of " + user.username(), null, null);
    }

    /** An auditor's end date (login refused after it) and scope (teams; empty = all teams). */
    @PreAuthorize(HAS_USER_MANAGE)
    @Transactional
    public void setAuditorAccess(UserId id, java.time.LocalDate until, Set<TeamId> scope) {
        var user = users.findById(id).orElseThrow(() -> new UserFacingException("This user no longer exists."));
        var before = users.accessUntil(id).orElse(null) + " " + users.auditorScope(id);
        users.setAuditorAccess(id, until, scope, Actors.currentUsername());
        securityVersions.bump(id, SecurityVersions.Reason.AUDITOR_ACCESS_CHANGED);
        audit.record(AuditAction.AUDITOR_ACCESS_CHANGED, "user", user.username(), "Auditor access of " + user.username(),
                before, until + " " + scope.stream().map(TeamId::value).sorted().toList());
    }

    @PreAuthorize(HAS_USER_MANAGE)
    @Transactional(readOnly = true)
    public java.util.Optional<java.time.LocalDate> accessUntil(UserId id) {
        return users.accessUntil(id);
    }

    @PreAuthorize(HAS_USER_MANAGE)
    @Transactional(readOnly = true)
    public List<TeamId> auditorScope(UserId id) {
        return users.auditorScope(id);
    }

    /** The signed-in user changes their own password, proving they know the current one. */
    @PreAuthorize("isAuthenticated()")
    @Transactional
    public void changeOwnPassword(String currentPassword, String newPassword) {
        var me = Actors.current().orElseThrow();
        var login = users.findLogin(me.getUsername()).orElseThrow();
        var account = users.findById(login.id()).orElseThrow();
        var problems = passwordPolicy.problems(newPassword, me.getUsername(), account.displayName(), account.email());
        if (!problems.isEmpty()) {
            throw new UserFacingException("The password was not changed.", problems);
        }
        // a guess of the current password counts like a failed sign-in (recorded before the hash work)
        if (!passwordAttempts.begin(me.getUsername(), null)) {
            audit.recordIndependently(AuditAction.PASSWORD_CHANGE_REFUSED_LOCKED, "user", me.getUsername(),
                    "Password change refused: locked after too many wrong passwords");
            throw new UserFacingException("Too many wrong passwords: the account is locked for a while. Try again later.");
        }
        if (currentPassword == null || !passwordEncoder.matches(currentPassword, login.passwordHash())) {
            audit.recordIndependently(AuditAction.PASSWORD_CHANGE_FAILED, "user", me.getUsername(),
                    "Password change refused: wrong current password");
            throw new UserFacingException("The current password is wrong: enter it again.");
        }
        passwordAttempts.succeeded(me.getUsername());
        users.updatePassword(login.id(), passwordEncoder.encode(newPassword), me.getUsername());
        // the user's other sessions end; this one carries on at the new version
        long version = securityVersions.bump(login.id(), SecurityVersions.Reason.PASSWORD_CHANGED);
        Actors.replaceCurrent(me.withSecurityVersion(version));
        events.publishEvent(new AccountSecurityEvent(me.getUsername(), AccountSecurityEvent.What.PASSWORD_CHANGED,
                "Changed from your own account; your other sessions were signed out."));
        audit.record(AuditAction.PASSWORD_CHANGED, "user", me.getUsername(), me.getUsername() + " changed their password", null, null);
    }

    /** The signed-in user's own account. */
    @PreAuthorize("isAuthenticated()")
    @Transactional(readOnly = true)
    public UserAccount myAccount() {
        return users.findById(new UserId(Actors.current().orElseThrow().id())).orElseThrow();
    }

    @PreAuthorize(HAS_TEAM_READ)
    @Transactional(readOnly = true)
    public List<Team> findTeams() {
        return teams.findAll();
    }

    /** People who can be named on a control (RACI, contacts): names only, for any signed-in user. */
    @PreAuthorize("isAuthenticated()")
    @Transactional(readOnly = true)
    public List<UserRef> people() {
        return users.enabledUsers();
    }

    /** People who may be Responsible or Accountable (team members, compliance managers), for the pickers. */
    @PreAuthorize("isAuthenticated()")
    @Transactional(readOnly = true)
    public List<UserRef> owners() {
        return users.eligibleOwners();
    }

    /** People who may be Responsible or Accountable on projects of these teams: their members and compliance managers. */
    @PreAuthorize("isAuthenticated()")
    @Transactional(readOnly = true)
    public List<UserRef> ownersFor(java.util.Collection<TeamId> teams) {
        return users.ownersFor(teams);
    }

    /** Teams that can be named on a control (R, C, I), for any signed-in user. */
    @PreAuthorize("isAuthenticated()")
    @Transactional(readOnly = true)
    public List<Team> teamDirectory() {
        return teams.findAll();
    }

    @PreAuthorize(HAS_TEAM_MANAGE)
    @Transactional(readOnly = true)
    public List<UserRef> enabledUsers() {
        return users.enabledUsers();
    }

    @PreAuthorize(HAS_TEAM_MANAGE)
    @Transactional
    public Team createTeam(String name, String description, Set<UserId> members) {
        var problems = validateTeam(name, description);
        if (!problems.isEmpty()) {
            throw new UserFacingException("The team was not saved: fix the fields below.", problems);
        }
        var me = Actors.current();
        if (me.isPresent() && members.contains(new UserId(me.get().id()))) {
            throw new UserFacingException("You cannot make yourself a member of a team (membership grants rights on the "
                    + "team's projects): ask another administrator. Nothing was saved.");
        }
        try {
            var id = teams.insert(name.strip(), description == null ? "" : description.strip(), Actors.currentUsername());
            teams.replaceMembers(id, members);
            members.forEach(m -> securityVersions.bump(m, SecurityVersions.Reason.TEAMS_CHANGED));
            var team = teams.findById(id).orElseThrow();
            audit.record(AuditAction.TEAM_CREATED, "team", team.name(), "Created team " + team.name(), null, describe(team));
            return team;
        } catch (DuplicateKeyException e) {
            throw new UserFacingException("A team named '" + name.strip() + "' exists already: choose another name.");
        }
    }

    @PreAuthorize(HAS_TEAM_MANAGE)
    @Transactional
    public Team updateTeam(TeamId id, long expectedVersion, String name, String description, Set<UserId> members) {
        var problems = validateTeam(name, description);
        if (!problems.isEmpty()) {
            throw new UserFacingException("The team was not saved: fix the fields below.", problems);
        }
        var before = teams.findById(id).orElseThrow(() -> new UserFacingException("This team no longer exists."));
        try {
            if (!teams.update(id, expectedVersion, name.strip(), description == null ? "" : description.strip(),
                    Actors.currentUsername())) {
                throw new ConcurrentEditException("Team " + before.name(), before.updatedBy(), before.updatedAt());
            }
        } catch (DuplicateKeyException e) {
            throw new UserFacingException("A team named '" + name.strip() + "' exists already: choose another name.");
        }
        teams.replaceMembers(id, members);
        var after = teams.findById(id).orElseThrow();
        var changed = new java.util.HashSet<UserId>();
        before.members().forEach(m -> changed.add(m.id()));
        after.members().forEach(m -> { if (!changed.remove(m.id())) changed.add(m.id()); });
        var me = Actors.current();
        if (me.isPresent() && changed.contains(new UserId(me.get().id()))) {
            throw new UserFacingException("You cannot add yourself to a team or remove yourself from one (membership "
                    + "grants rights on the team's projects): ask another administrator. Nothing was saved.");
        }
        changed.forEach(m -> securityVersions.bump(m, SecurityVersions.Reason.TEAMS_CHANGED));
        audit.record(AuditAction.TEAM_UPDATED, "team", after.name(), "Changed team " + after.name(), describe(before), describe(after));
        return after;
    }

    private static String describe(UserAccount u) {
        return "name=" + u.displayName() + "; email=" + u.email() + "; enabled=" + u.enabled() + "; roles="
                + u.roles().stream().map(Enum::name).sorted().toList() + "; teams=" + u.teamNames();
    }

    private static String describe(Team t) {
        return "name=" + t.name() + "; members=" + t.members().stream().map(UserRef::username).sorted().toList();
    }

    private List<String> validate(UserDraft d, boolean creating) {
        var problems = new ArrayList<String>();
        if (creating && (d.username() == null || !USERNAME.matcher(d.username().strip()).matches())) {
            problems.add("Username: 2 to 64 characters, lower-case letters, digits, dot, dash or underscore.");
        }
        if (d.displayName() == null || d.displayName().isBlank() || d.displayName().strip().length() > 200) {
            problems.add("Name: enter the person's name (up to 200 characters).");
        }
        if (d.email() == null || !EMAIL.matcher(d.email().strip()).matches() || d.email().strip().length() > 320) {
            problems.add("E-mail: enter an address such as name@example.com.");
        }
        if (d.roles() == null || d.roles().isEmpty()) {
            problems.add("Roles: choose at least one role.");
        }
        return problems;
    }

    private static List<String> validateTeam(String name, String description) {
        var problems = new ArrayList<String>();
        if (name == null || name.isBlank() || name.strip().length() > 100) {
            problems.add("Name: enter a team name (up to 100 characters).");
        }
        if (description != null && description.length() > 1000) {
            problems.add("Description: keep it under 1,000 characters.");
        }
        return problems;
    }

    private static String clean(String filter) {
        return filter == null ? "" : filter.strip();
    }
}
