package com.demarc.organization.internal;

import com.demarc.organization.TeamId;
import com.demarc.shared.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.util.List;
import java.util.Set;

/** Demo teams and users (profile {@code demo} only). Idempotent: what exists is left alone. */
@Component
@Profile("demo")
@Order(10)
class DemoOrganizationData implements ApplicationRunner {
    static final String DEMO_PASSWORD = "demarc-demo-2026";
    private static final Logger log = LoggerFactory.getLogger(DemoOrganizationData.class);

    private record DemoUser(String username, String name, Role role, String team) {
    }

    private static final List<DemoUser> USERS = List.of(
            new DemoUser("admin", "Ada Admin", Role.ADMIN, null),
            new DemoUser("manager", "Morgan Manager", Role.MANAGER, null),
            new DemoUser("alice", "Alice Anders", Role.MEMBER, "Payments"),
            new DemoUser("bob", "Bob Brenner", Role.MEMBER, "Data Platform"),
            new DemoUser("auditor", "Audrey Auditor", Role.AUDITOR, null));

    private final UserRepository users;
    private final TeamRepository teams;
    private final PasswordEncoder passwordEncoder;

    DemoOrganizationData(UserRepository users, TeamRepository teams, PasswordEncoder passwordEncoder) {
        this.users = users;
        this.teams = teams;
        this.passwordEncoder = passwordEncoder;
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        int created = 0;
        TeamId payments = ensureTeam("Payments", "Card payments and settlement services.");
        TeamId data = ensureTeam("Data Platform", "Data lake, analytics pipelines and reporting.");
        for (DemoUser demo : USERS) {
            if (users.exists(demo.username())) {
                continue;
            }
            var id = users.insert(demo.username(), demo.name(), demo.username() + "@demarc.example",
                    passwordEncoder.encode(DEMO_PASSWORD), true, Set.of(demo.role()), "demo");
            if (demo.team() != null) {
                teams.addMember("Payments".equals(demo.team()) ? payments : data, id);
            }
            created++;
        }
        if (created > 0) {
            log.info("Demo data: created {} users (password '{}')", created, DEMO_PASSWORD);
        }
    }

    private TeamId ensureTeam(String name, String description) {
        return teams.findByName(name).orElseGet(() -> teams.insert(name, description, "demo"));
    }
}
