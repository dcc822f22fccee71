package org.attest.tool.documents.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.attest.standards.AssessmentMethod;
import org.attest.standards.Criterion;
import org.attest.standards.CriterionKind;
import org.attest.standards.RangeGroup;
import org.attest.standards.RangeItem;
import org.attest.standards.Unit;
import org.attest.tool.portfolio.UnitRecord;
import org.attest.tool.quality.UnitVerifications;

/**
 * A learner's unit recording form as the awarding body's Appendix 1 lays it out, ready to print: the unit's standards
 * (each criterion with U or K, each range item) with the references and locations of the assessed evidence against
 * them, the evidence they refer to, the candidate's declaration, the assessor's signature, print name and date
 * completed, and whether an internal verifier sampled it (with their signature, print name and date verified). Every
 * value is display text; a blank is an empty string, printed as a line to sign on.
 *
 * @param title the document title: "Unit recording form: Unit 224 ... – Sam Student"
 * @param sections the standards in the form's order: what the learner must do, must know, the assessment criteria
 *        (RQF units), then what they must cover (the range)
 */
public record RecordingForm(String title, String unitCode, String unitTitle, String learnerName, List<Section> sections,
        List<EvidenceLine> evidence, Signed candidate, Signed assessor, Signed countersignature, boolean sampled,
        Signed verifier, String fileName) {

    /** The date format of the form (in the centre's time zone). */
    static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.UK);
    static final ZoneId CENTRE_ZONE = ZoneId.of("Europe/London");

    /** A heading of the standards ("What you must do") and its rows. */
    public record Section(String heading, boolean range, List<Row> rows) {
    }

    /**
     * One criterion or range item: its code, its statement, U (do) or K (know) for a criterion (blank for a range item),
     * and the evidence against it.
     */
    public record Row(String code, String statement, String mark, List<Reference> references) {
    }

    /** Evidence against a row: "E1", its date and methods, and where it is ("In Attest", and the original's place). */
    public record Reference(String reference, String date, String methods, String location) {
    }

    /** The evidence index under the grid: every reference with its title. */
    public record EvidenceLine(String reference, String title, String date, String methods, String location) {
    }

    /** A signature box: the signature (the signer's name from their launch), their typed print name, the date. */
    public record Signed(String signature, String printName, String date) {
        static final Signed BLANK = new Signed("", "", "");

        public boolean blank() {
            return signature.isEmpty();
        }
    }

    /** The form of a learner's unit, with the IQA's agreement when there is one. */
    public static RecordingForm of(UnitRecord record, UnitVerifications.Verified verified) {
        Unit unit = record.unit();
        List<Section> sections = new ArrayList<>();
        for (CriterionKind kind : CriterionKind.values()) {
            List<Row> rows = unit.criteria().filter(c -> c.kind() == kind).map(c -> row(record, c)).toList();
            if (!rows.isEmpty()) {
                sections.add(new Section(kind.heading(), false, rows));
            }
        }
        List<Row> range = new ArrayList<>();
        for (RangeGroup group : unit.range()) {
            for (RangeItem item : group.items()) {
                range.add(new Row(item.code(), (group.statement() == null ? "" : group.statement() + " ") + item.statement(),
                        "", references(record, item.id())));
            }
        }
        if (!range.isEmpty()) {
            sections.add(new Section("What you must cover", true, range));
        }
        List<EvidenceLine> evidence = record.evidence().stream()
                .map(e -> new EvidenceLine(e.reference(), e.title(), date(e.occasionDate()), methods(e), location(e)))
                .toList();
        String learner = record.learnerUnit().learnerName();
        Signed verifier = verified == null ? Signed.BLANK
                : new Signed(verified.iqaName(), verified.iqaName(), date(verified.verifiedAt()));
        return new RecordingForm("Unit recording form: " + unit.displayName() + " \u2013 " + learner, unit.code(),
                unit.title() == null ? "" : unit.title(), learner, sections, evidence, signed(record.declaration()),
                signed(record.signOff()), signed(record.countersignature()), verified != null, verifier,
                fileName(unit.code(), learner));
    }

    /** "Unit-224-Sam-Student.pdf": letters, digits and hyphens only, safe in any header and file system. */
    static String fileName(String unitCode, String learnerName) {
        String name = ("Unit " + unitCode + " " + learnerName).replaceAll("[^A-Za-z0-9]+", "-").replaceAll("^-|-$", "");
        return (name.length() > 100 ? name.substring(0, 100) : name) + ".pdf";
    }

    private static Row row(UnitRecord record, Criterion criterion) {
        return new Row(criterion.code(), criterion.statement(), criterion.kind() == CriterionKind.KNOWLEDGE ? "K" : "U",
                references(record, criterion.id()));
    }

    private static List<Reference> references(UnitRecord record, java.util.UUID itemId) {
        return record.evidenceFor(itemId).stream()
                .map(e -> new Reference(e.reference(), date(e.occasionDate()), methods(e), location(e)))
                .toList();
    }

    private static String methods(UnitRecord.AssessedEvidence e) {
        String methods = e.methods().stream().map(AssessmentMethod::code).collect(Collectors.joining(", "));
        return e.simulated() ? methods + " (simulation)" : methods;
    }

    private static String location(UnitRecord.AssessedEvidence e) {
        return e.location() == null || e.location().isBlank() ? "In Attest" : "In Attest; original: " + e.location();
    }

    private static Signed signed(UnitRecord.Signature signature) {
        return signature == null ? Signed.BLANK
                : new Signed(signature.signerName(), signature.typedName(), date(signature.signedAt()));
    }

    private static String date(LocalDate date) {
        return date == null ? "" : DATE.format(date);
    }

    private static String date(Instant instant) {
        return instant == null ? "" : DATE.format(instant.atZone(CENTRE_ZONE));
    }
}
