package com.demarc.catalog;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The owner of a control for one project, derived from the AWS services it uses (ADR 0004): the customer owns a duty
 * if any service in use puts it on the customer; shared if none does but one makes it shared; AWS only if every
 * service that needs it leaves it to AWS; not applicable if no service in use needs it. With no services recorded
 * yet, the model's default owner applies.
 */
public record EffectiveOwner(Owner owner, String reason) {

    public static EffectiveOwner of(Control control, Collection<AwsService> services) {
        if (services.isEmpty()) {
            return new EffectiveOwner(control.data().defaultOwner(),
                    "No AWS services recorded yet: the model's default owner (" + control.data().defaultOwner().label() + ") applies.");
        }
        Map<ServiceCategory, TreeSet<String>> byCategory = new EnumMap<>(ServiceCategory.class);
        for (AwsService s : services) {
            byCategory.computeIfAbsent(s.category(), k -> new TreeSet<>()).add(s.code());
        }
        var owners = EnumSet.noneOf(Owner.class);
        List<String> parts = new ArrayList<>();
        for (var entry : byCategory.entrySet()) {
            Owner o = control.ownerIn(entry.getKey());
            owners.add(o);
            parts.add(String.join(", ", entry.getValue()) + " (" + entry.getKey().key() + ") " + phrase(o));
        }
        owners.remove(Owner.NOT_APPLICABLE);
        Owner result = owners.contains(Owner.CUSTOMER) ? Owner.CUSTOMER
                : owners.contains(Owner.SHARED) ? Owner.SHARED
                : owners.contains(Owner.AWS) ? Owner.AWS
                : Owner.NOT_APPLICABLE;
        return new EffectiveOwner(result, result.label() + ": " + String.join("; ", parts) + ".");
    }

    private static String phrase(Owner o) {
        return switch (o) {
            case CUSTOMER -> "puts it on the customer";
            case SHARED -> "makes it shared";
            case AWS -> "leaves it to AWS";
            case NOT_APPLICABLE -> "does not need it";
        };
    }
}
