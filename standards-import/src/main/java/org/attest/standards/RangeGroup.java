package org.attest.standards;

import java.util.List;
import java.util.UUID;

/**
 * A numbered group of "What you must cover" ("1 You must provide evidence of supporting
 * customers who are:") with its lettered items.
 */
public record RangeGroup(UUID id, String number, String statement, List<RangeItem> items) {

    public RangeGroup {
        items = List.copyOf(items);
    }

    public RangeGroup withIds(UUID newId, List<RangeItem> newItems) {
        return new RangeGroup(newId, number, statement, newItems);
    }
}
