package com.demarc.organization;

import org.jspecify.annotations.Nullable;

import java.util.Collection;
import java.util.List;

/** The teams whose data a user may see: every team, or only some (possibly none). */
public sealed interface TeamScope {

    /** Every team (managers, admins, auditors without a team scope). */
    static TeamScope all() {
        return All.INSTANCE;
    }

    /** Only these teams; no teams at all when empty. */
    static TeamScope only(Collection<TeamId> teams) {
        return new Only(List.copyOf(teams));
    }

    boolean includes(TeamId team);

    /**
     * The team ids for a SQL {@code team_id = any(:teams)}, or null for every team: {@code SqlFilter.and(...)} leaves
     * a null condition out.
     */
    @Nullable List<Long> sqlIds();

    /** Every team. */
    enum All implements TeamScope {
        INSTANCE;

        @Override
        public boolean includes(TeamId team) {
            return true;
        }

        @Override
        public @Nullable List<Long> sqlIds() {
            return null;
        }
    }

    /** Only the listed teams. */
    record Only(List<TeamId> teams) implements TeamScope {
        public Only {
            teams = List.copyOf(teams);
        }

        @Override
        public boolean includes(TeamId team) {
            return teams.contains(team);
        }

        @Override
        public List<Long> sqlIds() {
            return teams.stream().map(TeamId::value).toList();
        }
    }
}
