package com.demarc.coverage;

/**
 * Of the covered customer and shared project controls in the user's scope: how many are covered by automation
 * (passing, fresh checks) and how many by manual evidence only; plus the failing checks and passing checks now.
 */
public record AutomatedShare(int coveredByAutomation, int coveredByManualOnly, int failingChecks, int passingChecks) {
    /** The automated share of covered controls as a whole percentage. */
    public int percent() {
        int all = coveredByAutomation + coveredByManualOnly;
        return all == 0 ? 0 : (int) Math.round(100.0 * coveredByAutomation / all);
    }
}
