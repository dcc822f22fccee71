package org.attest.tool.records.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.attest.tool.portfolio.AssessorEvidence;

/**
 * One version of an assessor's record as its form prints it (Appendix 2 of the recording documentation), every value
 * display text, a blank an empty string: the facts at the head of the form, the plan's eleven "Evidences assessed by"
 * boxes, the observation's reference to standards and supplementary evidence, the report's seven questions, the
 * questions and answers, and the signature boxes in the form's order. The print template shows it without logic.
 *
 * @param title the document title: "Observation record, version 2: Unit 224 – Sam Student"
 * @param status "Draft, not signed", "Signed", "Signed in part: ...", "Superseded by version 3"
 * @param standards the reference to standards (an observation) or the criteria the questions cover (a report)
 */
public record RecordPrint(String title, RecordKind kind, String formTitle, String unitCode, String learnerName,
        String assessorName, int version, String status, boolean draft, String skills, String venue, String when,
        String dueOn, List<Box> methods, String requirements, String feedbackArrangements, String observedOn,
        String observed, List<Standard> standards, List<Supplement> supplementary, List<Answer> answers, String comments,
        List<QuestionAnswer> questions, String outcome, String feedback, List<SignatureBox> signatures, String fileName) {

    static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.UK);
    static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm", Locale.UK);
    static final ZoneId CENTRE_ZONE = ZoneId.of("Europe/London");

    /** A tick box of the form: its words and whether it is ticked. */
    public record Box(String label, boolean ticked) {
    }

    /** A criterion or range item the record refers to. */
    public record Standard(String code, String statement) {
    }

    /** A supplementary evidence box of the observation record: ticked, where the evidence is, the files attached. */
    public record Supplement(String label, boolean ticked, String located, List<String> files) {
    }

    /** One of the report's seven questions and its answer: "YES", "NO", or blank. */
    public record Answer(String question, String answer) {
    }

    public record QuestionAnswer(String question, String answer) {
    }

    /** A signature box: "Assessor signature", the signer's name from their launch, the name they typed, the date. */
    public record SignatureBox(String label, String signature, String printName, String date) {
    }

    /** The record as printed; {@code items} are its unit's criteria and range items, in the unit's order. */
    public static RecordPrint of(AssessorRecord r, List<AssessorEvidence.Item> items) {
        RecordContent c = r.content();
        List<Box> methods = PlannedMethod.ON_THE_FORM.stream()
                .map(m -> new Box(m.label(), c.methods().contains(m.method()))).toList();
        List<Standard> standards = items.stream().filter(i -> c.items().contains(i.id()))
                .map(i -> new Standard(i.code(), text(i.statement()))).toList();
        List<Supplement> supplementary = java.util.Arrays.stream(SupplementaryBox.values())
                .map(b -> new Supplement(b.label(), c.ticked(b), text(c.located(b)),
                        c.filesIn(b).stream().map(f -> f.name() + " (SHA-256 " + f.sha256() + ")").toList()))
                .toList();
        List<Answer> answers = java.util.Arrays.stream(VacsQuestion.values())
                .map(q -> new Answer(q.question(), c.answer(q).toUpperCase(Locale.ROOT))).toList();
        List<QuestionAnswer> questions = c.questions().stream()
                .map(q -> new QuestionAnswer(text(q.question()), text(q.answer()))).toList();
        String learner = text(r.learnerName());
        return new RecordPrint(r.kind().title() + ", version " + r.version() + ": Unit " + r.unitCode() + " \u2013 " + learner,
                r.kind(), r.kind().title(), text(r.unitCode()), learner, text(r.assessorName()), r.version(), status(r),
                r.draft(), text(c.skills()), text(c.venue()), dateTime(c.when()), date(c.dueOn()), methods,
                text(c.requirements()), text(c.feedbackArrangements()), date(c.observedOn()), text(c.observed()), standards,
                supplementary, answers, text(c.comments()), questions, text(c.outcome()), text(c.feedback()), signatures(r),
                fileName(r.kind(), r.version(), learner));
    }

    /** The plan's boxes two to a row, as the form lays them out (the last row has one). */
    public List<List<Box>> methodRows() {
        List<List<Box>> rows = new java.util.ArrayList<>();
        for (int i = 0; i < methods.size(); i += 2) {
            rows.add(methods.subList(i, Math.min(i + 2, methods.size())));
        }
        return rows;
    }

    /** "Observation-record-v2-Sam-Student.pdf": letters, digits and hyphens only, safe in any header and file system. */
    static String fileName(RecordKind kind, int version, String learnerName) {
        String name = (kind.title() + " v" + version + " " + learnerName).replaceAll("[^A-Za-z0-9]+", "-")
                .replaceAll("^-|-$", "");
        return (name.length() > 100 ? name.substring(0, 100) : name) + ".pdf";
    }

    private static String status(AssessorRecord r) {
        if (r.superseded()) {
            return "Superseded by version " + (r.version() + 1); // a new version supersedes exactly the one before it
        }
        if (r.draft()) {
            return "Draft, not signed";
        }
        return r.state();
    }

    /** The boxes in the form's order: the observation record has the candidate sign first, the others the assessor. */
    private static List<SignatureBox> signatures(AssessorRecord r) {
        List<SignerRole> order = r.kind() == RecordKind.OBSERVATION
                ? List.of(SignerRole.CANDIDATE, SignerRole.ASSESSOR) : List.of(SignerRole.ASSESSOR, SignerRole.CANDIDATE);
        return order.stream().filter(r.kind()::needs).map(role -> r.signature(role)
                .map(s -> new SignatureBox(label(role), text(s.signerName()), text(s.typedName()), date(s.signedAt())))
                .orElse(new SignatureBox(label(role), "", "", ""))).toList();
    }

    private static String label(SignerRole role) {
        return role == SignerRole.ASSESSOR ? "Assessor signature" : "Candidate signature";
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }

    private static String date(LocalDate date) {
        return date == null ? "" : DATE.format(date);
    }

    private static String date(Instant instant) {
        return instant == null ? "" : DATE.format(instant.atZone(CENTRE_ZONE));
    }

    private static String dateTime(LocalDateTime when) {
        return when == null ? "" : DATE_TIME.format(when);
    }
}
