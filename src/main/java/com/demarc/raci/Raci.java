package com.demarc.raci;

import com.demarc.project.ProjectControlId;

import java.util.List;
import java.util.stream.Collectors;

/** The RACI of one project control, whether it is owned, and if not, why. */
public record Raci(ProjectControlId controlId, List<RaciEntry> entries) {

    public List<Assignee> holders(RaciRole role) {
        return entries.stream().filter(e -> e.role() == role).map(RaciEntry::assignee).toList();
    }

    /** e.g. "Alice Anders, Payments (team)". */
    public String names(RaciRole role) {
        return holders(role).stream().map(Assignee::label).collect(Collectors.joining(", "));
    }

    /** Owned = exactly one Accountable person and at least one Responsible. */
    public boolean owned() {
        return RaciRules.ownershipGaps(entries).isEmpty();
    }

    public List<String> gaps() {
        return RaciRules.ownershipGaps(entries);
    }

    /** "A: Alice; R: Payments (team)" — for history entries. */
    public String summary() {
        var parts = new java.util.ArrayList<String>();
        for (RaciRole role : RaciRole.values()) {
            if (!holders(role).isEmpty()) {
                parts.add(role.name() + ": " + names(role));
            }
        }
        return parts.isEmpty() ? "none" : String.join("; ", parts);
    }
}
