package org.attest.tool.standards;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.attest.standards.Criterion;
import org.attest.standards.CriterionKind;
import org.attest.standards.Element;
import org.attest.standards.Framework;
import org.attest.standards.Samples;
import org.attest.standards.StableIds;
import org.attest.standards.Unit;
import org.attest.standards.read.ImportOptions;
import org.attest.standards.read.SourceDocument;
import org.attest.standards.read.StandardsImporter;
import org.attest.standards.write.CaseJsonWriter;

/**
 * CASE packages for tests: Unit 224 as a framework of its own (a title no other test uses, so
 * tests sharing the database do not see each other's versions), and the same unit with one
 * criterion reworded, one added and one removed.
 */
public final class CasePackages {

    public static final String REWORDED = "224.1.1";
    public static final String REWORDED_TO = "ensure that you are up to date with the online services and apps that your customers use";
    public static final String REMOVED = "224.1.2";
    public static final String ADDED = "224.1.99";
    public static final String ADDED_STATEMENT = "check that the customer can reach the service again";

    private CasePackages() {
    }

    /** Unit 224 as a framework titled {@code title} (its identity), version label "1". */
    public static Framework unit224(String title) {
        try {
            return new StandardsImporter(new ImportOptions(title, "1", "City & Guilds", null, null))
                    .importDocuments(List.of(new SourceDocument(Samples.UNIT_224.fileName(), Samples.UNIT_224.bytes())))
                    .framework();
        } catch (Exception e) {
            throw new IllegalStateException("the bundled Unit 224 sample no longer imports", e);
        }
    }

    /** A title for a framework of this test's own. */
    public static String uniqueTitle(String purpose) {
        return "Unit 224 for " + purpose + " " + UUID.randomUUID().toString().substring(0, 8);
    }

    /** The framework with 224.1.1 reworded, 224.1.2 removed and 224.1.99 added to element 224.1. */
    public static Framework modified(Framework framework) {
        Unit unit = framework.unit("224").orElseThrow();
        List<Element> elements = new ArrayList<>();
        for (Element e : unit.elements()) {
            List<Criterion> criteria = new ArrayList<>();
            for (Criterion c : e.criteria()) {
                if (c.code().equals(REWORDED)) {
                    criteria.add(new Criterion(c.id(), c.code(), REWORDED_TO, c.kind()));
                } else if (!c.code().equals(REMOVED)) {
                    criteria.add(c);
                }
            }
            if (e.code().equals("224.1")) {
                criteria.add(new Criterion(criterionId(framework, ADDED), ADDED, ADDED_STATEMENT, CriterionKind.PERFORMANCE));
            }
            elements.add(new Element(e.id(), e.code(), e.title(), e.kind(), criteria));
        }
        return framework.withUnits(List.of(unit.withParts(elements, unit.range())));
    }

    public static UUID criterionId(Framework framework, String code) {
        return StableIds.item(framework.id(), "224", code);
    }

    public static byte[] caseJson(Framework framework) {
        return CaseJsonWriter.write(framework, Instant.now()).getBytes(StandardCharsets.UTF_8);
    }
}
