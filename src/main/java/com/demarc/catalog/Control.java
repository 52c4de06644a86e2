package com.demarc.catalog;

/** One duty of the model: its id, its version (optimistic locking) and what it says. */
public record Control(ControlId id, long version, ControlData data) {

    public Owner ownerIn(ServiceCategory category) {
        return switch (category) {
            case INFRASTRUCTURE -> data.infrastructure();
            case CONTAINER -> data.container();
            case ABSTRACTED -> data.abstracted();
        };
    }
}
