package com.demarc.raci;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/**
 * The RACI rules. Refused outright: more than one Accountable, an Accountable that is a team, a person holding two
 * letters on one control, the same holder twice. Allowed but <em>unowned</em>: no Accountable or no Responsible.
 */
public final class RaciRules {
    private RaciRules() {
    }

    /** Why this RACI cannot be saved; empty when it can. */
    public static List<String> violations(List<RaciEntry> entries) {
        var problems = new ArrayList<String>();
        long accountable = entries.stream().filter(e -> e.role() == RaciRole.A).count();
        if (accountable > 1) {
            problems.add("Exactly one person is Accountable: remove all but one A.");
        }
        entries.stream().filter(e -> e.role() == RaciRole.A && !e.assignee().isPerson()).findFirst()
                .ifPresent(e -> problems.add("Accountable must be a person, not the team " + e.assignee().label() + "."));
        var people = new HashSet<Long>();
        var seen = new HashSet<String>();
        for (RaciEntry e : entries) {
            if (e.assignee().isPerson() && !people.add(e.assignee().user().value())) {
                problems.add(e.assignee().label() + " holds more than one letter: a person holds at most one of R, A, C, I per control.");
            }
            String key = e.role() + ":" + e.assignee().user() + ":" + e.assignee().team();
            if (!e.assignee().isPerson() && !seen.add(key)) {
                problems.add("The team " + e.assignee().label() + " is listed twice as " + e.role().label() + ".");
            }
        }
        return problems.stream().distinct().toList();
    }

    /**
     * As {@link #violations(List)}, and R or A held by a person who cannot act on a control (separation of duties:
     * auditors review, administrators manage accounts; neither carries a control).
     */
    public static List<String> violations(List<RaciEntry> entries, java.util.Set<com.demarc.organization.UserId> ineligible) {
        var problems = new ArrayList<>(violations(entries));
        for (RaciEntry e : entries) {
            if ((e.role() == RaciRole.A || e.role() == RaciRole.R) && e.assignee().isPerson()
                    && ineligible.contains(e.assignee().user())) {
                problems.add(ineligibleMessage(e.assignee(), e.role()));
            }
        }
        return problems.stream().distinct().toList();
    }

    /** The message for a person who may not hold R or A. */
    public static String ineligibleMessage(Assignee who, RaciRole role) {
        return who.label() + " cannot be " + role.label() + ": only team members and compliance managers act on "
                + "controls. Choose one of them (or a team for Responsible), or make " + who.label()
                + " Consulted or Informed.";
    }

    /** Why the control is unowned; empty when it is owned. */
    public static List<String> ownershipGaps(List<RaciEntry> entries) {
        var gaps = new ArrayList<String>();
        if (entries.stream().noneMatch(e -> e.role() == RaciRole.A && e.assignee().isPerson())) {
            gaps.add("No Accountable person");
        }
        if (entries.stream().noneMatch(e -> e.role() == RaciRole.R)) {
            gaps.add("No Responsible");
        }
        return gaps;
    }
}
