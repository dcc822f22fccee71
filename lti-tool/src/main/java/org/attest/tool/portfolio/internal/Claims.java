package org.attest.tool.portfolio.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.attest.standards.Criterion;
import org.attest.standards.RangeItem;
import org.attest.standards.Unit;
import org.attest.tool.portfolio.LearnerUnit;
import org.attest.tool.portfolio.PortfolioRefused;

/** The claims to add and to withdraw so that a piece of evidence claims exactly the items the learner chose. */
public record Claims(List<Item> added, List<Evidence.Mapping> withdrawn) {

    /** A criterion or range item of the unit, as mappings name it. */
    public record Item(UUID id, Evidence.ItemKind kind, String code) {
    }

    public boolean changed() {
        return !added.isEmpty() || !withdrawn.isEmpty();
    }

    public static Claims of(LearnerUnit unit, Unit model, Evidence target, Set<UUID> itemIds) {
        Map<UUID, Item> items = items(model);
        for (UUID id : itemIds) {
            if (!items.containsKey(id)) {
                throw PortfolioRefused.invalid("the evidence can only be mapped to criteria and range items of Unit "
                        + unit.unitCode());
            }
        }
        Set<UUID> existing = new LinkedHashSet<>();
        List<Evidence.Mapping> withdrawn = new ArrayList<>();
        for (Evidence.Mapping m : target.mappings()) {
            existing.add(m.itemId());
            if (m.status() == MappingStatus.CLAIMED && !itemIds.contains(m.itemId())) {
                withdrawn.add(m);
            }
        }
        List<Item> added = itemIds.stream().filter(id -> !existing.contains(id)).map(items::get).toList();
        return new Claims(added, withdrawn);
    }

    /** The unit's criteria and range items by id, in the unit's order. */
    public static Map<UUID, Item> items(Unit model) {
        Map<UUID, Item> items = new LinkedHashMap<>();
        for (Criterion c : model.criteria().toList()) {
            items.put(c.id(), new Item(c.id(), Evidence.ItemKind.CRITERION, c.code()));
        }
        for (RangeItem r : model.rangeItems().toList()) {
            items.put(r.id(), new Item(r.id(), Evidence.ItemKind.RANGE, r.code()));
        }
        return items;
    }
}
