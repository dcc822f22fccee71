package org.attest.tool.standards.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.attest.standards.Criterion;
import org.attest.standards.Framework;
import org.attest.standards.Unit;

/** The criterion-by-criterion difference between two versions of a framework. */
final class CriterionChanges {

    private record Placed(String unitCode, Criterion criterion) {
    }

    private CriterionChanges() {
    }

    /** Added and changed criteria in the new version's order, then removed ones in the old version's order. */
    static List<CriterionChange> between(Framework before, Framework after) {
        Map<UUID, Placed> old = criteria(before);
        Map<UUID, Placed> now = criteria(after);
        List<CriterionChange> changes = new ArrayList<>();
        now.forEach((id, n) -> {
            Placed o = old.get(id);
            if (o == null) {
                changes.add(change(id, n, CriterionChange.Kind.ADDED, null, n.criterion().statement()));
            } else if (!Objects.equals(o.criterion().statement(), n.criterion().statement())
                    || o.criterion().kind() != n.criterion().kind()) {
                changes.add(change(id, n, CriterionChange.Kind.CHANGED, o.criterion().statement(), n.criterion().statement()));
            }
        });
        old.forEach((id, o) -> {
            if (!now.containsKey(id)) {
                changes.add(change(id, o, CriterionChange.Kind.REMOVED, o.criterion().statement(), null));
            }
        });
        return changes;
    }

    private static CriterionChange change(UUID id, Placed where, CriterionChange.Kind kind, String oldStatement,
            String newStatement) {
        return new CriterionChange(id, where.unitCode(), where.criterion().code(), kind, oldStatement, newStatement);
    }

    private static Map<UUID, Placed> criteria(Framework framework) {
        Map<UUID, Placed> criteria = new LinkedHashMap<>();
        for (Unit unit : framework.units()) {
            unit.criteria().forEach(c -> criteria.putIfAbsent(c.id(), new Placed(unit.code(), c)));
        }
        return criteria;
    }
}
