package org.attest.bench.portfolio;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.attest.standards.CriterionKind;
import org.attest.standards.Framework;
import org.attest.standards.StandardsImportException;
import org.attest.standards.Unit;
import org.attest.standards.read.SourceDocument;
import org.attest.standards.read.StandardsImporter;

/**
 * The 15 units every generated learner works on, read from the frameworks the tool seeded at its
 * first start (framework_version, current versions): Unit 224 first, then the first 14 units of the
 * recording-forms framework. Ids of units, criteria and range items are the ones the tool reads from
 * the same CASE packages, so the generated mappings and decisions point at real items.
 */
record QualificationPlan(List<PlannedUnit> units) {

    static final String MEASURED_UNIT = "224";

    /** A criterion or range item evidence can be mapped to; criteria come first, in the unit's order. */
    record Item(UUID id, String code, boolean range, boolean performance) {
    }

    record PlannedUnit(int index, UUID frameworkId, UUID versionId, Unit unit, List<Item> items, int criteria) {

        String code() {
            return unit.code();
        }

        Item item(int i) {
            return items.get(i);
        }
    }

    static QualificationPlan read(Connection db) throws SQLException, StandardsImportException {
        List<PlannedUnit> units = new ArrayList<>();
        List<Framework> frameworks = new ArrayList<>();
        List<UUID> versions = new ArrayList<>();
        try (Statement s = db.createStatement();
                ResultSet rs = s.executeQuery("SELECT id, case_json FROM framework_version WHERE current = TRUE ORDER BY imported_at")) {
            while (rs.next()) {
                UUID version = rs.getObject("id", UUID.class);
                frameworks.add(StandardsImporter.read(new SourceDocument("framework version " + version,
                        rs.getString("case_json").getBytes(StandardCharsets.UTF_8))).framework());
                versions.add(version);
            }
        }
        int with224 = -1;
        for (int f = 0; f < frameworks.size(); f++) {
            if (frameworks.get(f).unit(MEASURED_UNIT).isPresent()) {
                with224 = f;
            }
        }
        int largest = frameworks.isEmpty() ? -1 : frameworks.indexOf(frameworks.stream()
                .max(Comparator.comparingInt(fw -> fw.units().size())).orElseThrow());
        if (with224 < 0 || largest < 0 || frameworks.get(largest).units().size() < DataShape.UNITS_PER_LEARNER - 1) {
            throw new IllegalStateException("the tool's database does not hold the bundled frameworks (Unit 224 and the "
                    + "recording-forms units); start the tool once against an empty database so it seeds them");
        }
        units.add(planned(0, frameworks.get(with224), versions.get(with224), frameworks.get(with224).unit(MEASURED_UNIT).orElseThrow()));
        for (Unit u : frameworks.get(largest).units()) {
            if (units.size() == DataShape.UNITS_PER_LEARNER) {
                break;
            }
            if (!u.code().equals(MEASURED_UNIT)) {
                units.add(planned(units.size(), frameworks.get(largest), versions.get(largest), u));
            }
        }
        return new QualificationPlan(List.copyOf(units));
    }

    private static PlannedUnit planned(int index, Framework framework, UUID versionId, Unit unit) {
        List<Item> items = new ArrayList<>();
        unit.criteria().forEach(c -> items.add(new Item(c.id(), c.code(), false, c.kind() == CriterionKind.PERFORMANCE)));
        int criteria = items.size();
        unit.rangeItems().forEach(r -> items.add(new Item(r.id(), r.code(), true, false)));
        return new PlannedUnit(index, framework.id(), versionId, unit, List.copyOf(items), criteria);
    }

    PlannedUnit unit(int index) {
        return units.get(index);
    }
}
