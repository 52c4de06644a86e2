package com.demarc.project;

import org.jspecify.annotations.Nullable;

import com.demarc.catalog.Owner;

/** A control whose owner (or presence) changes for a project, shown before the change is saved. */
public record OwnerChange(String code, String title, @Nullable Owner from, @Nullable Owner to,
                          String reason) {
    /** "added" / "removed" when the control enters or leaves the project (catalog upgrade). */
    public String describe() {
        if (from == null) {
            return code + " " + title + ": added (" + to.label() + ")";
        }
        if (to == null) {
            return code + " " + title + ": removed (was " + from.label() + ")";
        }
        return code + " " + title + ": " + from.label() + " → " + to.label() + " — " + reason;
    }
}
