package org.attest.tool.witnesses.internal;

import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * One-time links for witnesses, who have no LMS account: the assessor makes a link for one statement ({@link #issue}),
 * shown once for them to send; the witness opens it ({@link #open}: reading uses nothing up, so a mail scanner that
 * follows links does no harm) and confirms or declines the statement ({@link #answer}), which uses the link up. A link
 * works until it is answered, it expires ({@code attest.witness.link-valid-for}), a newer link for the same statement
 * replaces it, or the statement changes. Only the SHA-256 of the 256-bit token is stored. Every open, answer and refusal
 * is in the audit trail; an unknown, tampered, used, expired or replaced link gets the same answer, which names nothing.
 * Holds all SQL of {@code witness_link}.
 */
@Service
public class WitnessLinks {

    public static final int MAX_REASON = 2000;
    static final String EVIDENCE = "EVIDENCE";
    static final String EXPERT = "EXPERT";
    private static final SecureRandom RANDOM = new SecureRandom();
    /** What every refused link is told: nothing about whether it ever existed. */
    public static final String DEAD = "This link is not valid. It may have been used already, have expired, or been "
            + "replaced by a newer one. If you still need to confirm a statement, ask the assessor who sent it for a new link.";

    /** A link as stored (never its token). */
    public record Link(UUID id, UUID platformId, UUID learnerUnitId, UUID evidenceId, UUID expertRecordId, String kind,
            String witnessName, String statementHash, boolean includeFiles, Instant expiresAt, String createdBy, String createdByName,
            Instant createdAt, Instant firstOpenedAt, String outcome, String typedName, String declineReason,
            Instant answeredAt) {

        public boolean open() {
            return outcome == null;
        }

        public boolean expired(Instant now) {
            return !expiresAt.isAfter(now);
        }
    }

    /** A link just made, with its token: shown to the assessor once, never stored. */
    public record Issued(Link link, String token) {
    }

    /** What the witness reads: one statement and nothing else. */
    public record Statement(String learnerName, String unitCode, String unitTitle, java.time.LocalDate activityDate,
            String account, String witnessName, String kind, ExpertWitnesses.Record expert,
            List<EvidenceWitnesses.WitnessFile> files) {
    }

    /** The outcome of opening or answering a link: the statement, or refused (always {@link #DEAD}, status 404). */
    public record Opened(Link link, Statement statement) {

        public boolean accepted() {
            return link != null;
        }

        public static final Opened REFUSED = new Opened(null, null);
    }

    private final JdbcClient jdbc;
    private final Clock clock;
    private final AccessRecords records;
    private final EvidenceWitnesses witnesses;
    private final FrameworkCatalog catalog;
    private final WitnessProperties properties;
    private final ExpertWitnesses experts;

    WitnessLinks(JdbcClient jdbc, Clock clock, AccessRecords records, EvidenceWitnesses witnesses, FrameworkCatalog catalog,
            WitnessProperties properties, ExpertWitnesses experts) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.records = records;
        this.witnesses = witnesses;
        this.catalog = catalog;
        this.properties = properties;
        this.experts = experts;
    }

    /** The links made for a learner unit, newest first. */
    public List<Link> ofUnit(UUID learnerUnitId) {
        return jdbc.sql("SELECT * FROM witness_link WHERE learner_unit_id = ? ORDER BY created_at DESC, id")
                .param(learnerUnitId).query(WitnessLinks::link).list();
    }

    /**
     * A new link for the witness of one piece of evidence of a unit the assessor may assess (checked by the caller):
     * refused when the evidence is not the unit's current, witnessed evidence, or its witness has confirmed it already.
     * Older open links for the same statement stop working.
     */
    @Transactional
    public Issued issue(LtiPrincipal assessor, LearnerUnit unit, UUID evidenceId, boolean includeFiles) {
        Witnessed w = witnesses.one(unit, evidenceId).orElseThrow(() -> WitnessRefused.notFound("That witnessed evidence"));
        if (w.confirmed()) {
            throw WitnessRefused.invalid("the witness " + w.name() + " confirmed this statement already (" + w.confirmedAt()
                    + "); a link is needed again only when the learner changes the evidence");
        }
        return insert(assessor, unit, EVIDENCE, evidenceId, null, w.name(), statementHash(w), includeFiles);
    }

    /** A new link for the expert witness of a record of expert witness (its current version, not signed by them yet). */
    @Transactional
    public Issued issueForExpert(LtiPrincipal assessor, LearnerUnit unit, UUID recordId) {
        ExpertWitnesses.Record r = experts.current(unit, recordId);
        if (r.witnessSignedAt() != null) {
            throw WitnessRefused.invalid("the expert witness " + r.witnessName() + " signed this version already");
        }
        return insert(assessor, unit, EXPERT, null, r.id(), r.witnessName(), r.contentHash(), false);
    }

    private Issued insert(LtiPrincipal assessor, LearnerUnit unit, String kind, UUID evidenceId, UUID recordId,
            String witnessName, String statementHash, boolean includeFiles) {
        Instant now = clock.instant();
        String replaced = EVIDENCE.equals(kind) ? "evidence_id" : "expert_record_id";
        jdbc.sql("UPDATE witness_link SET outcome = 'REPLACED', answered_at = ? WHERE " + replaced + " = ? AND outcome IS NULL")
                .params(Timestamp.from(now), EVIDENCE.equals(kind) ? evidenceId : recordId).update();
        String token = newToken();
        UUID id = UUID.randomUUID();
        Instant expires = now.plus(properties.linkValidFor());
        jdbc.sql("""
                INSERT INTO witness_link (id, platform_id, learner_unit_id, evidence_id, expert_record_id, statement_kind,
                    witness_name, token_hash, statement_hash, include_files, expires_at, created_by, created_by_name,
                    created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, unit.course().platformId(), unit.id(), evidenceId, recordId, kind, witnessName, Signing.sha256(token),
                        statementHash, includeFiles, Timestamp.from(expires), assessor.subject(), assessor.displayName(), Timestamp.from(now))
                .update();
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("link", id);
        detail.put("kind", kind);
        detail.put(EVIDENCE.equals(kind) ? "evidence" : "expertRecord", EVIDENCE.equals(kind) ? evidenceId : recordId);
        detail.put("witness", witnessName);
        detail.put("expiresAt", expires);
        detail.put("files", includeFiles);
        records.record(unit.course().platformId(), assessor.subject(), assessor.displayName(),
                AccessRecords.Event.WITNESS_LINK_ISSUED, unit.id(), detail);
        return new Issued(find(id).orElseThrow(), token);
    }

    /** The witness opens the link: the statement if the link still works (recorded), else refused (recorded). */
    @Transactional
    public Opened open(String token) {
        Opened opened = usable(token);
        if (opened.accepted()) {
            Link link = opened.link();
            jdbc.sql("UPDATE witness_link SET first_opened_at = ? WHERE id = ? AND first_opened_at IS NULL")
                    .params(Timestamp.from(clock.instant()), link.id()).update();
            records.record(link.platformId(), actor(link), link.witnessName(), AccessRecords.Event.WITNESS_LINK_OPENED,
                    link.learnerUnitId(), Map.of("link", link.id(), "witness", link.witnessName()));
        }
        return opened;
    }

    /**
     * A file of the statement, for a witness whose link the assessor gave the files (recorded as an opening with the
     * file); empty, and recorded as refused, for a dead link, a link without files or a file not the statement's.
     */
    @Transactional
    public Optional<Map.Entry<EvidenceWitnesses.WitnessFile, java.io.InputStream>> file(String token, UUID fileId) {
        Opened opened = usable(token);
        if (!opened.accepted()) {
            return Optional.empty();
        }
        Link link = opened.link();
        Optional<Map.Entry<EvidenceWitnesses.WitnessFile, java.io.InputStream>> file = link.includeFiles()
                ? witnesses.openFile(link.evidenceId(), fileId) : Optional.empty();
        if (file.isEmpty()) {
            refuse(link, "a file the link does not give");
            return file;
        }
        records.record(link.platformId(), actor(link), link.witnessName(), AccessRecords.Event.WITNESS_LINK_OPENED,
                link.learnerUnitId(), Map.of("link", link.id(), "witness", link.witnessName(), "file", fileId));
        return file;
    }

    /** The statement again for a form sent back with a problem: as {@link #open}, but not recorded as another opening. */
    @Transactional
    public Opened reread(String token) {
        return usable(token);
    }

    /**
     * The witness confirms ({@code confirm}) the statement with their typed name, or declines it with a reason; either
     * uses the link up. Bad input (no name, no reason, too long) is refused with what to write and changes nothing.
     */
    @Transactional
    public Opened answer(String token, boolean confirm, String typedName, String reason) {
        Opened opened = usable(token);
        if (!opened.accepted()) {
            return opened;
        }
        Link link = opened.link();
        String name = confirm ? Signing.required(typedName, "your full name to confirm the statement", Signing.MAX_NAME)
                : Signing.optional(typedName, "your name", Signing.MAX_NAME);
        String why = confirm ? null : Signing.required(reason, "why you do not confirm the statement", MAX_REASON);
        Instant now = clock.instant();
        int used = jdbc.sql("""
                UPDATE witness_link SET outcome = ?, typed_name = ?, decline_reason = ?, answered_at = ?
                WHERE id = ? AND outcome IS NULL AND expires_at > ?""")
                .params(confirm ? "CONFIRMED" : "DECLINED", name, why, Timestamp.from(now), link.id(), Timestamp.from(now))
                .update();
        if (used != 1) { // another request answered it in the meantime
            refuse(link, "used");
            return Opened.REFUSED;
        }
        if (confirm) {
            boolean recorded = EVIDENCE.equals(link.kind()) ? witnesses.confirm(link.evidenceId(), name, now)
                    : experts.witnessSigned(link.expertRecordId(), name, now);
            if (!recorded) {
                throw new IllegalStateException("the statement of witness link " + link.id() + " changed while it was confirmed");
            }
        }
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("link", link.id());
        detail.put(EVIDENCE.equals(link.kind()) ? "evidence" : "expertRecord",
                EVIDENCE.equals(link.kind()) ? link.evidenceId() : link.expertRecordId());
        detail.put("witness", link.witnessName());
        detail.put("typedName", name);
        if (!confirm) {
            detail.put("reason", why);
        }
        records.record(link.platformId(), actor(link), name == null ? link.witnessName() : name,
                confirm ? AccessRecords.Event.WITNESS_CONFIRMED : AccessRecords.Event.WITNESS_DECLINED,
                link.learnerUnitId(), detail);
        return new Opened(find(link.id()).orElseThrow(), opened.statement());
    }

    /** The link if it still works, with the statement; else the refusal is recorded and the answer says nothing. */
    private Opened usable(String token) {
        boolean wellFormed = token != null && token.matches("[A-Za-z0-9_-]{43}");
        // the lookup runs for malformed tokens too, so every refusal takes the same path
        Optional<Link> found = jdbc.sql("SELECT * FROM witness_link WHERE token_hash = ?")
                .param(Signing.sha256(wellFormed ? token : "malformed:" + token)).query(WitnessLinks::link).optional()
                .filter(l -> wellFormed);
        if (found.isEmpty()) {
            records.record(null, "anonymous", null, AccessRecords.Event.WITNESS_LINK_REFUSED, null,
                    Map.of("reason", wellFormed ? "unknown token" : "malformed token"));
            return Opened.REFUSED;
        }
        Link link = found.get();
        if (!link.open()) {
            refuse(link, "REPLACED".equals(link.outcome()) ? "replaced by a newer link" : "used (" + link.outcome() + ")");
            return Opened.REFUSED;
        }
        if (link.expired(clock.instant())) {
            refuse(link, "expired");
            return Opened.REFUSED;
        }
        Optional<Statement> statement = statement(link);
        if (statement.isEmpty()) {
            refuse(link, "the statement changed since the link was made");
            return Opened.REFUSED;
        }
        return new Opened(link, statement.get());
    }

    private Optional<Statement> statement(Link link) {
        if (EVIDENCE.equals(link.kind())) {
            return witnesses.current(link.evidenceId()).filter(w -> statementHash(w).equals(link.statementHash()))
                    .filter(w -> !w.confirmed())
                    .map(w -> new Statement(w.learnerName(), w.unitCode(), unitTitle(w.frameworkId(), w.unitCode()),
                            w.occasionDate(), w.account(), w.name(), EVIDENCE, null,
                            link.includeFiles() ? witnesses.files(w.evidenceId()) : List.of()));
        }
        return experts.byId(link.expertRecordId()).filter(ExpertWitnesses.Record::current)
                .filter(r -> r.contentHash().equals(link.statementHash()) && r.witnessSignedAt() == null)
                .map(r -> new Statement(r.learnerName(), r.unitCode(), null, r.activityDate(), r.witnessStatement(),
                        r.witnessName(), EXPERT, r, List.of()));
    }

    private String unitTitle(UUID frameworkId, String unitCode) {
        return catalog.unit(frameworkId.toString(), unitCode).map(p -> p.unit().title()).orElse(null);
    }

    private void refuse(Link link, String reason) {
        records.record(link.platformId(), actor(link), link.witnessName(), AccessRecords.Event.WITNESS_LINK_REFUSED,
                link.learnerUnitId(), Map.of("link", link.id(), "reason", reason));
    }

    private static String actor(Link link) {
        return "witness:" + link.id();
    }

    Optional<Link> find(UUID id) {
        return jdbc.sql("SELECT * FROM witness_link WHERE id = ?").param(id).query(WitnessLinks::link).optional();
    }

    /** What the witness is asked to confirm: the evidence version as it reads now. */
    static String statementHash(Witnessed w) {
        return Signing.sha256(w.evidenceId() + "|" + w.updatedAt() + "|" + w.occasionDate() + "|" + w.name() + "|"
                + w.account());
    }

    /** 256 random bits, base64url without padding (43 characters). */
    static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static Link link(ResultSet rs, int n) throws SQLException {
        return new Link(rs.getObject("id", UUID.class), rs.getObject("platform_id", UUID.class),
                rs.getObject("learner_unit_id", UUID.class), rs.getObject("evidence_id", UUID.class),
                rs.getObject("expert_record_id", UUID.class), rs.getString("statement_kind"), rs.getString("witness_name"),
                rs.getString("statement_hash"), rs.getBoolean("include_files"), instant(rs, "expires_at"), rs.getString("created_by"),
                rs.getString("created_by_name"), instant(rs, "created_at"), instant(rs, "first_opened_at"),
                rs.getString("outcome"), rs.getString("typed_name"), rs.getString("decline_reason"),
                instant(rs, "answered_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
