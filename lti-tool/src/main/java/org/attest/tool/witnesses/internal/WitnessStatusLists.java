package org.attest.tool.witnesses.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import org.attest.tool.lti.LtiPrincipal;
import org.attest.tool.portfolio.AccessRecords;
import org.attest.tool.portfolio.EvidenceWitnesses;
import org.attest.tool.portfolio.EvidenceWitnesses.Witnessed;
import org.attest.tool.portfolio.LearnerUnit;
import org.attest.tool.standards.FrameworkCatalog;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The witness status list (Appendix 2): every witness named on a learner's evidence, grouped by witness (name and
 * contact), with their status category in the seed's words, their professional relationship, the units they witnessed
 * and each statement's confirmation by the witness. Generated on every read; the assessor's signature keeps the hash of
 * the list as signed, so a list that has changed since shows that it needs signing again (each signature is a new
 * version). Holds all SQL of {@code witness_list_signature}.
 */
@Service
public class WitnessStatusLists {

    /**
     * The five witness status categories in the words of the awarding body's form, for a framework whose import
     * carries none (an imported framework's own words come first).
     */
    public static final List<String> CATEGORIES = List.of(
            "Occupational expert and A1, A2 / V1, V2 Assessor",
            "A1, A2 / V1, V2 Assessor without occupational experience",
            "Occupational expert familiar with standards",
            "Occupational expert not familiar with standards",
            "Non expert not familiar with the standards");

    /** One statement a witness gave, with their own confirmation when given. */
    public record Statement(UUID evidenceId, UUID learnerUnitId, String unitCode, LocalDate occasionDate, String title,
            String confirmedName, Instant confirmedAt) {

        public boolean confirmed() {
            return confirmedAt != null;
        }
    }

    /** One row of the list: a witness and everything they witnessed. */
    public record Row(String name, String contact, List<Integer> statuses, List<String> relationships, List<String> units,
            List<Statement> statements) {

        public boolean allConfirmed() {
            return statements.stream().allMatch(Statement::confirmed);
        }
    }

    /** An assessor's signature of the list, as it was when signed. */
    public record Signature(int version, String listHash, String signerSubject, String signerName, String typedName,
            Instant signedAt) {
    }

    /** The list of a learner unit (or of all its learner's units in the course), with the latest signature. */
    public record WitnessList(LearnerUnit unit, boolean wholeLearner, List<Row> rows, String hash,
            Optional<Signature> signature, List<String> categories) {

        /** "3. Occupational expert familiar with standards": the category's number with the framework's words. */
        public String category(Integer status) {
            return WitnessStatusLists.category(status, categories);
        }

        /** The row's categories in words. */
        public List<String> statusWords(Row row) {
            return row.statuses().stream().map(this::category).toList();
        }

        /** Signed, and the list is still what was signed. */
        public boolean signedAsShown() {
            return signature.isPresent() && signature.get().listHash().equals(hash);
        }
    }

    private final EvidenceWitnesses witnesses;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final AccessRecords records;
    private final FrameworkCatalog catalog;

    WitnessStatusLists(EvidenceWitnesses witnesses, JdbcClient jdbc, Clock clock, AccessRecords records,
            FrameworkCatalog catalog) {
        this.catalog = catalog;
        this.witnesses = witnesses;
        this.jdbc = jdbc;
        this.clock = clock;
        this.records = records;
    }

    /** "3. Occupational expert familiar with standards"; a number outside the list as given. */
    static String category(Integer status, List<String> categories) {
        if (status == null) {
            return "status not given";
        }
        return status >= 1 && status <= categories.size() ? status + ". " + categories.get(status - 1) : "category " + status;
    }

    /** The categories of the unit's framework version as imported from the seed, else {@link #CATEGORIES}. */
    public List<String> categories(LearnerUnit unit) {
        List<String> imported = catalog.unit(unit.versionId(), unit.unitCode())
                .map(p -> p.framework().witnessStatuses().stream()
                        .sorted(java.util.Comparator.comparingInt(org.attest.standards.WitnessStatus::category))
                        .map(org.attest.standards.WitnessStatus::description).toList())
                .orElse(List.of());
        return imported.size() >= CATEGORIES.size() ? imported : CATEGORIES;
    }

    /** The list for a unit the caller may assess (checked by the caller). */
    public WitnessList of(LearnerUnit unit, boolean wholeLearner) {
        List<Witnessed> statements = wholeLearner ? witnesses.ofLearner(unit) : witnesses.ofUnit(unit);
        List<Row> rows = rows(statements);
        return new WitnessList(unit, wholeLearner, rows, hash(rows), wholeLearner ? Optional.empty() : latest(unit.id()),
                categories(unit));
    }

    /** Every signature of the unit's list, newest first. */
    public List<Signature> signatures(UUID learnerUnitId) {
        return jdbc.sql("SELECT * FROM witness_list_signature WHERE learner_unit_id = ? ORDER BY version DESC")
                .param(learnerUnitId).query((rs, n) -> new Signature(rs.getInt("version"), rs.getString("list_hash"),
                        rs.getString("signer_subject"), rs.getString("signer_name"), rs.getString("typed_name"),
                        rs.getTimestamp("signed_at").toInstant()))
                .list();
    }

    /**
     * The assessor signs the unit's list as it is now, with their name as the launch gives it. Refused when the list is
     * empty, or already signed as it is.
     */
    @Transactional
    public Signature sign(LtiPrincipal assessor, LearnerUnit unit, String typedName, String shownHash) {
        String name = Signing.typedNameOf(assessor, typedName, "the witness status list");
        WitnessList list = of(unit, false);
        if (list.rows().isEmpty()) {
            throw WitnessRefused.invalid("the learner's evidence of Unit " + unit.unitCode() + " names no witness yet, so "
                    + "there is no witness status list to sign");
        }
        if (shownHash != null && !shownHash.isBlank() && !shownHash.equals(list.hash())) {
            throw WitnessRefused.invalid("the witness status list changed while you were reading it; read it again and "
                    + "sign the list as it is now");
        }
        if (list.signedAsShown()) {
            throw WitnessRefused.invalid("you signed this list as it is already (version " + list.signature().get().version()
                    + "); it needs signing again only when it changes");
        }
        int version = list.signature().map(s -> s.version() + 1).orElse(1);
        Instant now = clock.instant();
        jdbc.sql("""
                INSERT INTO witness_list_signature (id, learner_unit_id, version, list_hash, signer_subject, signer_name,
                    typed_name, signed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(UUID.randomUUID(), unit.id(), version, list.hash(), assessor.subject(), assessor.displayName(), name,
                        Timestamp.from(now))
                .update();
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("learnerUnit", unit.id());
        detail.put("learner", unit.learnerName());
        detail.put("unit", unit.unitCode());
        detail.put("version", version);
        detail.put("listHash", list.hash());
        detail.put("witnesses", list.rows().size());
        detail.put("typedName", name);
        records.record(unit.course().platformId(), assessor.subject(), assessor.displayName(),
                AccessRecords.Event.WITNESS_LIST_SIGNED, unit.id(), detail);
        return latest(unit.id()).orElseThrow();
    }

    private Optional<Signature> latest(UUID learnerUnitId) {
        return signatures(learnerUnitId).stream().findFirst();
    }

    static List<Row> rows(List<Witnessed> statements) {
        Map<String, List<Witnessed>> byWitness = new LinkedHashMap<>();
        for (Witnessed w : statements) {
            String key = Signing.normal(w.name()) + "\n" + (w.contact() == null ? "" : Signing.normal(w.contact()));
            byWitness.computeIfAbsent(key, k -> new ArrayList<>()).add(w);
        }
        List<Row> rows = new ArrayList<>();
        for (List<Witnessed> group : byWitness.values()) {
            Witnessed first = group.get(0);
            TreeSet<Integer> statuses = new TreeSet<>();
            TreeSet<String> relationships = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
            TreeSet<String> units = new TreeSet<>();
            List<Statement> given = new ArrayList<>();
            for (Witnessed w : group) {
                if (w.status() != null) {
                    statuses.add(w.status());
                }
                if (w.relationship() != null && !w.relationship().isBlank()) {
                    relationships.add(w.relationship().strip());
                }
                units.add(w.unitCode());
                given.add(new Statement(w.evidenceId(), w.learnerUnitId(), w.unitCode(), w.occasionDate(), w.title(),
                        w.confirmedName(), w.confirmedAt()));
            }
            rows.add(new Row(first.name().strip(), first.contact(), List.copyOf(statuses), List.copyOf(relationships),
                    List.copyOf(units), List.copyOf(given)));
        }
        rows.sort((a, b) -> a.name().toLowerCase(Locale.ROOT).compareTo(b.name().toLowerCase(Locale.ROOT)));
        return List.copyOf(rows);
    }

    /** What the signature covers: each witness's details, units and statements with their confirmations. */
    static String hash(List<Row> rows) {
        StringBuilder text = new StringBuilder();
        for (Row r : rows) {
            text.append(r.name()).append('|').append(r.contact()).append('|').append(r.statuses()).append('|')
                    .append(r.relationships()).append('|').append(r.units());
            for (Statement s : r.statements()) {
                text.append('|').append(s.evidenceId()).append(',').append(s.confirmedName()).append(',')
                        .append(s.confirmedAt());
            }
            text.append('\n');
        }
        return Signing.sha256(text.toString());
    }
}
