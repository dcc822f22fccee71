package org.attest.tool.witnesses.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.attest.tool.lti.LtiPrincipal;
import org.attest.tool.portfolio.AccessRecords;
import org.attest.tool.portfolio.LearnerUnit;
import org.attest.tool.portfolio.PortfolioAccess;
import org.attest.tool.quality.Iqas;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The record of expert witness with its expert witness statement (Appendix 2), one per expert and activity of a
 * learner unit: the expert, the assessment site, the three conditions an expert witness must meet (each yes or no with
 * its evidence), the desirable qualification, the reference to standards, and the statement (skills and knowledge,
 * venue, date and time, candidate statement, activity, the witness's statement). The assessor writes it; the expert
 * signs it through a one-time link ({@link WitnessLinks#issueForExpert}), an IQA of the centre signs as IV, the
 * candidate signs too. A signed version is never changed: the assessor's edit is the next version, which needs every
 * signature again. Holds all SQL of {@code expert_witness}.
 */
@Service
public class ExpertWitnesses {

    static final int MAX_SHORT = 200;
    static final int MAX_TEXT = 2000;
    static final int MAX_LONG = 20000;
    private static final ZoneId LONDON = ZoneId.of("Europe/London");

    /** What the assessor writes. */
    public record Input(String witnessName, String witnessPosition, String witnessRelationship, String witnessContact,
            String site, boolean supervisoryYears, String supervisoryEvidence, boolean knowsStandards,
            String knowsStandardsEvidence, boolean cpd, String cpdEvidence, String desirableQualification,
            String standardsReference, String skillsKnowledge, String venue, LocalDateTime activityAt,
            String candidateStatement, String activityDescription, String witnessStatement) {
    }

    /** One version of a record. */
    public record Record(UUID id, UUID lineageId, int version, boolean current, UUID platformId, UUID learnerUnitId,
            String learnerName, String unitCode, Input input, String assessorSubject, String assessorName,
            Instant createdAt, String witnessTypedName, Instant witnessSignedAt, String ivSubject, String ivName,
            String ivTypedName, Instant ivSignedAt, String candidateTypedName, Instant candidateSignedAt) {

        public String witnessName() {
            return input.witnessName();
        }

        public String witnessStatement() {
            return input.witnessStatement();
        }

        public LocalDate activityDate() {
            return input.activityAt() == null ? null : input.activityAt().toLocalDate();
        }

        /** Every condition the seed lists is met. */
        public boolean conditionsMet() {
            return input.supervisoryYears() && input.knowsStandards() && input.cpd();
        }

        public boolean signedByAnyone() {
            return witnessSignedAt != null || ivSignedAt != null || candidateSignedAt != null;
        }

        /** What the signatures cover: every field of this version. */
        public String contentHash() {
            return Signing.sha256(id + "|" + version + "|" + input);
        }
    }

    private final JdbcClient jdbc;
    private final Clock clock;
    private final AccessRecords records;
    private final Iqas iqas;

    ExpertWitnesses(JdbcClient jdbc, Clock clock, AccessRecords records, Iqas iqas) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.records = records;
        this.iqas = iqas;
    }

    /** The current version of each record of a learner unit, oldest first. */
    public List<Record> ofUnit(LearnerUnit unit) {
        return jdbc.sql("SELECT * FROM expert_witness WHERE learner_unit_id = ? AND is_current = TRUE ORDER BY created_at, id")
                .param(unit.id()).query((rs, n) -> record(rs, unit.learnerName(), unit.unitCode())).list();
    }

    /** The current version of a record of this learner unit, or "not found". */
    public Record current(LearnerUnit unit, UUID id) {
        return jdbc.sql("SELECT * FROM expert_witness WHERE id = ? AND learner_unit_id = ? AND is_current = TRUE")
                .params(id, unit.id()).query((rs, n) -> record(rs, unit.learnerName(), unit.unitCode())).optional()
                .orElseThrow(() -> WitnessRefused.notFound("That record of expert witness"));
    }

    /** Any version by id, with its learner's name and unit (for the witness's link). */
    Optional<Record> byId(UUID id) {
        return jdbc.sql("""
                SELECT x.*, u.learner_name AS lu_learner_name, u.unit_code AS lu_unit_code FROM expert_witness x
                JOIN learner_unit u ON u.id = x.learner_unit_id WHERE x.id = ?""")
                .param(id).query((rs, n) -> record(rs, rs.getString("lu_learner_name"), rs.getString("lu_unit_code")))
                .optional();
    }

    /**
     * The assessor of the unit writes a record, or the next version of one ({@code previousId}); checked: the expert's
     * name, the site and the reference to standards are required, lengths, a date and time not in the future.
     */
    @Transactional
    public Record write(LtiPrincipal assessor, LearnerUnit unit, UUID previousId, Input in) {
        PortfolioAccess.requireAssessable(assessor, unit);
        Input input = checked(in);
        UUID lineage = UUID.randomUUID();
        int version = 1;
        if (previousId != null) {
            Record previous = current(unit, previousId);
            if (previous.input().equals(input)) {
                throw WitnessRefused.invalid("nothing changed: the record is already as you wrote it");
            }
            if (jdbc.sql("UPDATE expert_witness SET is_current = FALSE WHERE id = ? AND is_current = TRUE")
                    .param(previousId).update() != 1) {
                throw WitnessRefused.invalid("someone changed this record meanwhile; open it again");
            }
            // an unanswered link for the old version no longer works: its statement changed
            lineage = previous.lineageId();
            version = previous.version() + 1;
        }
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        jdbc.sql("""
                INSERT INTO expert_witness (id, lineage_id, version, is_current, platform_id, learner_unit_id, witness_name,
                    witness_position, witness_relationship, witness_contact, site, supervisory_years, supervisory_evidence,
                    knows_standards, knows_standards_evidence, cpd, cpd_evidence, desirable_qualification,
                    standards_reference, skills_knowledge, venue, activity_at, candidate_statement, activity_description,
                    witness_statement, assessor_subject, assessor_name, created_at)
                VALUES (?, ?, ?, TRUE, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, lineage, version, unit.course().platformId(), unit.id(), input.witnessName(),
                        input.witnessPosition(), input.witnessRelationship(), input.witnessContact(), input.site(),
                        input.supervisoryYears(), input.supervisoryEvidence(), input.knowsStandards(),
                        input.knowsStandardsEvidence(), input.cpd(), input.cpdEvidence(), input.desirableQualification(),
                        input.standardsReference(), input.skillsKnowledge(), input.venue(),
                        input.activityAt() == null ? null : Timestamp.from(input.activityAt().atZone(LONDON).toInstant()),
                        input.candidateStatement(), input.activityDescription(), input.witnessStatement(), assessor.subject(),
                        assessor.displayName(), Timestamp.from(now))
                .update();
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("record", id);
        detail.put("lineage", lineage);
        detail.put("version", version);
        detail.put("expert", input.witnessName());
        detail.put("conditionsMet", input.supervisoryYears() && input.knowsStandards() && input.cpd());
        records.record(unit.course().platformId(), assessor.subject(), assessor.displayName(),
                AccessRecords.Event.EXPERT_WITNESS_RECORDED, unit.id(), detail);
        return current(unit, id);
    }

    /** The expert signed this version through their link; false when it is not current or signed by them already. */
    boolean witnessSigned(UUID id, String typedName, Instant at) {
        return jdbc.sql("""
                UPDATE expert_witness SET witness_typed_name = ?, witness_signed_at = ?
                WHERE id = ? AND is_current = TRUE AND witness_signed_at IS NULL""")
                .params(typedName, Timestamp.from(at), id).update() == 1;
    }

    /** An IQA of the centre signs the current version as IV; anyone else is refused and nothing changes. */
    @Transactional
    public Record signAsIv(LtiPrincipal user, LearnerUnit unit, UUID id, String typedName) {
        Record r = current(unit, id);
        if (!iqas.isIqaOf(user, r.platformId())) {
            throw WitnessRefused.forbidden("only an internal verifier (IQA) of the centre signs a record of expert witness "
                    + "as IV; ask the centre to name you IQA, or ask one of its IQAs");
        }
        if (r.ivSignedAt() != null) {
            throw WitnessRefused.invalid("this version was signed by the IV already (" + r.ivName() + ")");
        }
        String name = Signing.typedNameOf(user, typedName, "the record of expert witness as IV");
        jdbc.sql("""
                UPDATE expert_witness SET iv_subject = ?, iv_name = ?, iv_typed_name = ?, iv_signed_at = ?
                WHERE id = ? AND is_current = TRUE AND iv_signed_at IS NULL""")
                .params(user.subject(), user.displayName(), name, Timestamp.from(clock.instant()), id).update();
        signed(user, unit, r, "IV", name);
        return current(unit, id);
    }

    /** The candidate (the learner whose unit it is) signs the current version. */
    @Transactional
    public Record signAsCandidate(LtiPrincipal learner, LearnerUnit unit, UUID id, String typedName) {
        PortfolioAccess.requireOwn(learner, unit);
        Record r = current(unit, id);
        if (r.candidateSignedAt() != null) {
            throw WitnessRefused.invalid("you signed this version already");
        }
        String name = Signing.typedNameOf(learner, typedName, "the expert witness statement");
        jdbc.sql("""
                UPDATE expert_witness SET candidate_typed_name = ?, candidate_signed_at = ?
                WHERE id = ? AND is_current = TRUE AND candidate_signed_at IS NULL""")
                .params(name, Timestamp.from(clock.instant()), id).update();
        signed(learner, unit, r, "candidate", name);
        return current(unit, id);
    }

    private void signed(LtiPrincipal user, LearnerUnit unit, Record r, String as, String typedName) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("record", r.id());
        detail.put("version", r.version());
        detail.put("as", as);
        detail.put("typedName", typedName);
        detail.put("contentHash", r.contentHash());
        records.record(unit.course().platformId(), user.subject(), user.displayName(), AccessRecords.Event.EXPERT_WITNESS_SIGNED,
                unit.id(), detail);
    }

    private Input checked(Input in) {
        if (in == null) {
            throw WitnessRefused.invalid("fill in the record of expert witness");
        }
        LocalDateTime at = in.activityAt();
        if (at != null && at.atZone(LONDON).toInstant().isAfter(clock.instant())) {
            throw WitnessRefused.invalid("the activity's date and time (" + at + ") is in the future; record an activity "
                    + "the expert witnessed");
        }
        return new Input(Signing.required(in.witnessName(), "the expert witness's name", MAX_SHORT),
                Signing.optional(in.witnessPosition(), "the expert's position or job title", MAX_SHORT),
                Signing.optional(in.witnessRelationship(), "the expert's relationship to the candidate", MAX_SHORT),
                Signing.optional(in.witnessContact(), "the expert's contact details", MAX_SHORT),
                Signing.required(in.site(), "the name of the assessment site", MAX_SHORT), in.supervisoryYears(),
                Signing.optional(in.supervisoryEvidence(), "the evidence of supervisory experience", MAX_TEXT),
                in.knowsStandards(), Signing.optional(in.knowsStandardsEvidence(), "the evidence of knowing the standards",
                        MAX_TEXT),
                in.cpd(), Signing.optional(in.cpdEvidence(), "the evidence of CPD", MAX_TEXT),
                Signing.optional(in.desirableQualification(), "the desirable qualification", MAX_TEXT),
                Signing.required(in.standardsReference(), "the reference to standards (the units and criteria)", MAX_TEXT),
                Signing.optional(in.skillsKnowledge(), "the skills and knowledge", MAX_TEXT),
                Signing.optional(in.venue(), "the venue", MAX_SHORT), at,
                Signing.optional(in.candidateStatement(), "the candidate statement", MAX_LONG),
                Signing.optional(in.activityDescription(), "the description of the activity", MAX_LONG),
                Signing.required(in.witnessStatement(), "the witness statement (what the expert saw and how competent "
                        + "the candidate was)", MAX_LONG));
    }

    private static Record record(ResultSet rs, String learnerName, String unitCode) throws SQLException {
        Timestamp at = rs.getTimestamp("activity_at");
        Input input = new Input(rs.getString("witness_name"), rs.getString("witness_position"),
                rs.getString("witness_relationship"), rs.getString("witness_contact"), rs.getString("site"),
                rs.getBoolean("supervisory_years"), rs.getString("supervisory_evidence"), rs.getBoolean("knows_standards"),
                rs.getString("knows_standards_evidence"), rs.getBoolean("cpd"), rs.getString("cpd_evidence"),
                rs.getString("desirable_qualification"), rs.getString("standards_reference"), rs.getString("skills_knowledge"),
                rs.getString("venue"), at == null ? null : LocalDateTime.ofInstant(at.toInstant(), LONDON),
                rs.getString("candidate_statement"), rs.getString("activity_description"), rs.getString("witness_statement"));
        return new Record(rs.getObject("id", UUID.class), rs.getObject("lineage_id", UUID.class), rs.getInt("version"),
                rs.getBoolean("is_current"), rs.getObject("platform_id", UUID.class),
                rs.getObject("learner_unit_id", UUID.class), learnerName, unitCode, input, rs.getString("assessor_subject"),
                rs.getString("assessor_name"), instant(rs, "created_at"), rs.getString("witness_typed_name"),
                instant(rs, "witness_signed_at"), rs.getString("iv_subject"), rs.getString("iv_name"),
                rs.getString("iv_typed_name"), instant(rs, "iv_signed_at"), rs.getString("candidate_typed_name"),
                instant(rs, "candidate_signed_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
