package org.attest.tool.documents;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.attest.tool.portfolio.Course;
import org.attest.tool.portfolio.LearnerUnit;
import org.attest.tool.witnesses.internal.ExpertWitnesses;
import org.attest.tool.witnesses.internal.WitnessForms;
import org.attest.tool.witnesses.internal.WitnessStatusLists;
import org.attest.tool.witnesses.internal.WitnessStatusLists.Row;
import org.attest.tool.witnesses.internal.WitnessStatusLists.Signature;
import org.attest.tool.witnesses.internal.WitnessStatusLists.Statement;

/** Sam's witnesses on Unit 224 and an expert's record, printed through the renderer as the tool configures it. */
final class PrintedWitnessForms {

    static final Instant CONFIRMED = Instant.parse("2026-03-04T11:00:00Z");
    static final Instant LIST_SIGNED = Instant.parse("2026-03-05T15:00:00Z");
    static final Instant EXPERT_SIGNED = Instant.parse("2026-03-06T09:30:00Z");
    static final Instant IV_SIGNED = Instant.parse("2026-03-09T10:00:00Z");
    static final Instant CANDIDATE_SIGNED = Instant.parse("2026-03-10T16:45:00Z");
    static final LearnerUnit SAMS_224 = new LearnerUnit(UUID.randomUUID(), new Course(UUID.randomUUID(), "d1", "c1"), "sam",
            "Sam Student", UUID.randomUUID(), "224", UUID.randomUUID(), 0, 0, true, false, 0, Instant.now());

    enum Signed { NOT_SIGNED, SIGNED, CHANGED_SINCE }

    private PrintedWitnessForms() {
    }

    /** Pat (status 3, team leader; one statement confirmed, one not) and Chris (status 5, colleague; not confirmed). */
    static WitnessStatusLists.WitnessList list(String patName, Signed signed) {
        List<Row> rows = List.of(
                new Row(patName, "pat.supervisor@example.org, 1 Mill Lane, Leeds", List.of(3), List.of("Team leader"),
                        List.of("224"), List.of(
                                new Statement(UUID.randomUUID(), SAMS_224.id(), "224", LocalDate.of(2026, 3, 2),
                                        "Delivery problem", patName, CONFIRMED),
                                new Statement(UUID.randomUUID(), SAMS_224.id(), "224", LocalDate.of(2026, 3, 3), "Refund",
                                        null, null))),
                new Row("Chris Colleague", "chris@example.org", List.of(5), List.of("Colleague"), List.of("224"),
                        List.of(new Statement(UUID.randomUUID(), SAMS_224.id(), "224", LocalDate.of(2026, 3, 1), "Complaint",
                                null, null))));
        Optional<Signature> signature = signed == Signed.NOT_SIGNED ? Optional.empty()
                : Optional.of(new Signature(1, signed == Signed.SIGNED ? "hash" : "older", "alex", "Alex Assessor",
                        "A. Assessor", LIST_SIGNED));
        return new WitnessStatusLists.WitnessList(SAMS_224, false, rows, "hash", signature, WitnessStatusLists.CATEGORIES);
    }

    /** Erin's record: every condition met but CPD, every field given; signed by all three when {@code signed}. */
    static ExpertWitnesses.Record expert(String expertName, String witnessStatement, boolean signed) {
        ExpertWitnesses.Input in = new ExpertWitnesses.Input(expertName, "Customer service manager", "Line manager",
                "erin.expert@example.org", "Leeds contact centre", true, "Five years managing the online team", true,
                "Trains staff on units 224 and 225", false, "No CPD record seen", "Holds the A1 award",
                "224.1.1, 224.1.2 and range 224.R1", "Resetting online accounts", "Leeds contact centre, floor 2",
                LocalDateTime.of(2026, 3, 2, 10, 30), "I reset a locked customer account by chat.",
                "The candidate handles a live chat about a locked account.", witnessStatement);
        return new ExpertWitnesses.Record(UUID.randomUUID(), UUID.randomUUID(), 2, true, SAMS_224.course().platformId(),
                SAMS_224.id(), "Sam Student", "224", in, "alex", "Alex Assessor", Instant.parse("2026-03-02T12:00:00Z"),
                signed ? expertName : null, signed ? EXPERT_SIGNED : null, signed ? "ivy" : null,
                signed ? "Ivy Verifier" : null, signed ? "I. Verifier" : null, signed ? IV_SIGNED : null,
                signed ? "Sam Student" : null, signed ? CANDIDATE_SIGNED : null);
    }

    static byte[] statusList(WitnessStatusLists.WitnessList list) {
        return print("documents/witnesses/status-list", WitnessForms.of(list));
    }

    static byte[] record(ExpertWitnesses.Record r) {
        return print("documents/witnesses/expert-record", WitnessForms.of(r));
    }

    static byte[] statement(ExpertWitnesses.Record r) {
        return print("documents/witnesses/expert-statement", WitnessForms.of(r));
    }

    private static byte[] print(String template, Object form) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintedForms.pdfs().render(template, Map.of("form", form), out);
        return out.toByteArray();
    }
}
