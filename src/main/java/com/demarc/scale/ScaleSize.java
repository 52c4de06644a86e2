package com.demarc.scale;

import org.jspecify.annotations.Nullable;

/** How much scale data to generate: projects of the full catalog (64 controls each), 20 projects per team, 5 members. */
public enum ScaleSize {
    /** about 10 thousand project controls */
    S(160),
    /** about 100 thousand project controls */
    M(1_600),
    /** about 1 million project controls */
    L(16_000);

    private final int projects;

    ScaleSize(int projects) {
        this.projects = projects;
    }

    public int projects() {
        return projects;
    }

    public int teams() {
        return Math.max(1, projects / ScaleDataGenerator.PROJECTS_PER_TEAM);
    }

    public static ScaleSize parse(@Nullable String text) {
        try {
            return valueOf(text.strip().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("Unknown scale size '" + text + "': use S (~10k project controls), "
                    + "M (~100k) or L (~1M).");
        }
    }
}
