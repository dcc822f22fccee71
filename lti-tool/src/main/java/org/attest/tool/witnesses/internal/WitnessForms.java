package org.attest.tool.witnesses.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.attest.tool.witnesses.internal.WitnessStatusLists.Row;
import org.attest.tool.witnesses.internal.WitnessStatusLists.Statement;
import org.attest.tool.witnesses.internal.WitnessStatusLists.WitnessList;

/**
 * The witness records as the awarding body's Appendix 2 lays them out, ready to print (templates under
 * {@code templates/documents/witnesses/}): the witness status list, the record of expert witness and the expert witness
 * statement. Every value is display text; a blank is an empty string, printed as a line to sign or write on.
 */
public final class WitnessForms {

    static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.UK);
    static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm", Locale.UK);
    static final ZoneId CENTRE_ZONE = ZoneId.of("Europe/London");
    /** The seed's three conditions of an expert witness, in its words and order. */
    public static final List<String> CONDITIONS = List.of(
            "Have a minimum of 2 years supervisory, managerial or training experience in the unit(s) for which they are "
                    + "providing evidence.",
            "Demonstrate a working knowledge of the National Occupational Standards unit(s) they are attesting to",
            "Demonstrate clear evidence of appropriate continuous professional development");
    /** The seed's paragraph under the conditions. */
    public static final String DESIRABLE = "In addition it would be desirable for the expert witness to hold or be working "
            + "towards an appropriate unit of competence in the assessment of workplace performance. If this is not the "
            + "case, they should hold a post that involves responsibility for the quality of work performed by those for "
            + "whom they are acting as an expert witness";

    private WitnessForms() {
    }

    /** A signature line: the signature (the typed name), the signer's name where the form asks it, the date. */
    public record Signed(String signature, String name, String date) {
        static final Signed BLANK = new Signed("", "", "");

        public boolean blank() {
            return signature.isEmpty();
        }
    }

    /** A statement the witness gave and its confirmation: typed name and date, or blanks when not confirmed. */
    public record Confirmation(String statement, String typedName, String date) {

        public boolean confirmed() {
            return !typedName.isEmpty();
        }
    }

    /** One witness of the list. */
    public record Entry(String name, String contact, List<String> statuses, String relationship, String units,
            List<Confirmation> confirmations) {
    }

    /**
     * The witness status list of a learner unit.
     *
     * @param needsSigningAgain signed once, but the list has changed since: the assessor's lines are blank
     */
    public record StatusList(String title, String candidate, String unitCode, List<Entry> witnesses,
            List<String> categories, Signed assessor, boolean needsSigningAgain, int signedVersion, String fileName) {
    }

    /** One condition of an expert witness with its answer ("Yes: ..." or "No: ..."). */
    public record Condition(String text, String answer) {
    }

    /**
     * One record of expert witness with its statement, as both forms print it: the record (expert, site, conditions,
     * reference to standards, desirable qualification, witness and IV signatures) and the statement (candidate, assessor,
     * unit, skills/knowledge, venue, date and time, candidate statement, activity, witness statement and details, witness
     * and candidate signatures).
     */
    public record Expert(String recordTitle, String statementTitle, String candidate, String assessor, String unitCode,
            int version, String expertName, String position, String relationship, String contact, String site,
            List<Condition> conditions, String desirable, String standardsReference, String skillsKnowledge, String venue,
            String dateTime, String candidateStatement, String activityDescription, String witnessStatement,
            Signed witness, Signed iv, Signed candidateSigned, String recordFileName, String statementFileName) {
    }

    /** The list as it is now, with the assessor's signature when it still covers the list. */
    public static StatusList of(WitnessList list) {
        List<Entry> entries = new ArrayList<>();
        for (Row r : list.rows()) {
            List<Confirmation> confirmations = r.statements().stream().map(WitnessForms::confirmation).toList();
            List<String> statuses = r.statuses().isEmpty() ? List.of("status not given") : list.statusWords(r);
            entries.add(new Entry(r.name(), text(r.contact()), statuses, String.join("; ", r.relationships()),
                    String.join(", ", r.units()), confirmations));
        }
        String candidate = list.unit().learnerName();
        Signed assessor = list.signedAsShown()
                ? new Signed(list.signature().get().typedName(), list.signature().get().signerName(),
                        date(list.signature().get().signedAt()))
                : Signed.BLANK;
        boolean again = list.signature().isPresent() && !list.signedAsShown();
        return new StatusList("Witness status list: Unit " + list.unit().unitCode() + " \u2013 " + candidate, candidate,
                list.unit().unitCode(), List.copyOf(entries), list.categories(), assessor, again,
                list.signature().map(WitnessStatusLists.Signature::version).orElse(0),
                fileName("Witness status list Unit " + list.unit().unitCode() + " " + candidate));
    }

    /** Both forms of a record of expert witness. */
    public static Expert of(ExpertWitnesses.Record r) {
        ExpertWitnesses.Input in = r.input();
        List<Condition> conditions = List.of(
                new Condition(CONDITIONS.get(0), answer(in.supervisoryYears(), in.supervisoryEvidence())),
                new Condition(CONDITIONS.get(1), answer(in.knowsStandards(), in.knowsStandardsEvidence())),
                new Condition(CONDITIONS.get(2), answer(in.cpd(), in.cpdEvidence())));
        Signed witness = r.witnessSignedAt() == null ? Signed.BLANK
                : new Signed(r.witnessTypedName(), r.witnessTypedName(), date(r.witnessSignedAt()));
        Signed iv = r.ivSignedAt() == null ? Signed.BLANK : new Signed(r.ivTypedName(), text(r.ivName()), date(r.ivSignedAt()));
        Signed candidate = r.candidateSignedAt() == null ? Signed.BLANK
                : new Signed(r.candidateTypedName(), r.learnerName(), date(r.candidateSignedAt()));
        String about = "Unit " + r.unitCode() + " \u2013 " + r.learnerName() + " \u2013 " + in.witnessName();
        String files = "Unit " + r.unitCode() + " " + r.learnerName() + " " + in.witnessName() + " v" + r.version();
        return new Expert("Record of expert witness: " + about, "Expert witness statement: " + about, r.learnerName(),
                text(r.assessorName()), r.unitCode(), r.version(), in.witnessName(), text(in.witnessPosition()),
                text(in.witnessRelationship()), text(in.witnessContact()), in.site(), conditions,
                text(in.desirableQualification()), in.standardsReference(), text(in.skillsKnowledge()), text(in.venue()),
                dateTime(in.activityAt()), text(in.candidateStatement()), text(in.activityDescription()),
                in.witnessStatement(), witness, iv, candidate, fileName("Record of expert witness " + files),
                fileName("Expert witness statement " + files));
    }

    /** Letters, digits and hyphens only, safe in any header and file system: "Witness-status-list-Unit-224-Sam.pdf". */
    static String fileName(String words) {
        String name = words.replaceAll("[^A-Za-z0-9]+", "-").replaceAll("^-|-$", "");
        return (name.length() > 120 ? name.substring(0, 120) : name) + ".pdf";
    }

    private static Confirmation confirmation(Statement s) {
        String statement = s.title() + (s.occasionDate() == null ? "" : " (" + date(s.occasionDate()) + ")")
                + ", Unit " + s.unitCode();
        return s.confirmed() ? new Confirmation(statement, text(s.confirmedName()), date(s.confirmedAt()))
                : new Confirmation(statement, "", "");
    }

    private static String answer(boolean met, String evidence) {
        return (met ? "Yes" : "No") + (evidence == null || evidence.isBlank() ? "" : ": " + evidence);
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }

    private static String date(Instant instant) {
        return instant == null ? "" : DATE.format(instant.atZone(CENTRE_ZONE));
    }

    private static String date(LocalDate date) {
        return date == null ? "" : DATE.format(date);
    }

    private static String dateTime(LocalDateTime at) {
        return at == null ? "" : DATE_TIME.format(at);
    }
}
