package org.attest.tool.portfolio;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.attest.tool.lti.LtiPrincipal;
import org.attest.tool.portfolio.audit.AuditAction;
import org.attest.tool.portfolio.audit.AuditEntry;
import org.attest.tool.portfolio.audit.AuditTrail;
import org.attest.tool.portfolio.internal.EvidenceStore;
import org.attest.tool.portfolio.internal.LearnerUnitStore;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Puts what external verifiers (EQAs) do into the hash-chained audit trail: every page and file they open (with the
 * path and the learner unit it shows) and what happens to their access (grant created, revoked, new link, sign-in,
 * refused sign-in, visit report); and the steps of internal quality assurance (IQAs named, plans, samples, decisions,
 * action points, countersignatures), and what happens to witnesses' one-time links and the witness records (the
 * witnesses module). The quality and witnesses modules call it; each record is appended in a transaction of its own,
 * or in the caller's when there is one, so a grant's change and its record commit together.
 */
@Service
public class AccessRecords {

    /** What happened to an external verifier's access. */
    public enum Event {
        GRANT_CREATED(AuditAction.EQA_GRANT_CREATED),
        GRANT_REVOKED(AuditAction.EQA_GRANT_REVOKED),
        LINK_REISSUED(AuditAction.EQA_LINK_REISSUED),
        SIGNED_IN(AuditAction.EQA_SIGNED_IN),
        SIGN_IN_REFUSED(AuditAction.EQA_SIGN_IN_REFUSED),
        REPORT_WRITTEN(AuditAction.EQA_REPORT_WRITTEN),
        /** An EQA added a passkey, or the EQA or the centre removed one. */
        PASSKEY_ADDED(AuditAction.EQA_PASSKEY_ADDED),
        PASSKEY_REMOVED(AuditAction.EQA_PASSKEY_REMOVED),
        /** Internal quality assurance: a centre names, changes or stands down an IQA. */
        IQA_APPOINTED(AuditAction.IQA_APPOINTED),
        /** A centre changed a learner's details (ULN, employer, assessment site); the detail has each old and new value. */
        LEARNER_DETAILS_CHANGED(AuditAction.LEARNER_DETAILS_CHANGED),
        /** A lead IQA made a sampling plan. */
        PLAN_MADE(AuditAction.IQA_PLAN_MADE),
        /** An IQA took the proposed sample (with each pick's reasons). */
        SAMPLE_TAKEN(AuditAction.IQA_SAMPLE_TAKEN),
        /** An IQA added a learner unit to a sample, or took one out, with the reason. */
        SAMPLE_CHANGED(AuditAction.IQA_SAMPLE_CHANGED),
        /** A lead IQA closed a sampling plan (and the learner units it closed out of the sample). */
        PLAN_CLOSED(AuditAction.IQA_PLAN_CLOSED),
        /** An IQA agreed or did not agree with a sampled learner unit (a hold is recorded by the portfolio too). */
        IQA_DECIDED(AuditAction.IQA_DECIDED),
        /** An assessor said an IQA's action point is done. */
        ACTION_DONE(AuditAction.IQA_ACTION_DONE),
        /** A qualified IQA countersigned a trainee IQA's decision. */
        DECISION_COUNTERSIGNED(AuditAction.IQA_DECISION_COUNTERSIGNED),
        /** An IQA recorded an observation of an assessor's practice (the facts, the outcome, the action points). */
        IQA_OBSERVATION_RECORDED(AuditAction.IQA_OBSERVATION_RECORDED),
        /** A qualified IQA countersigned a trainee IQA's observation record. */
        OBSERVATION_COUNTERSIGNED(AuditAction.IQA_OBSERVATION_COUNTERSIGNED),
        /** An IQA closed an action point of an observation (the assessor's "done" is {@link #ACTION_DONE}). */
        OBSERVATION_ACTION_CLOSED(AuditAction.IQA_OBSERVATION_ACTION_CLOSED),
        /** Witnesses (the witnesses module): a one-time link made, opened, confirmed, declined, refused. */
        WITNESS_LINK_ISSUED(AuditAction.WITNESS_LINK_ISSUED),
        WITNESS_LINK_OPENED(AuditAction.WITNESS_LINK_OPENED),
        WITNESS_CONFIRMED(AuditAction.WITNESS_CONFIRMED),
        WITNESS_DECLINED(AuditAction.WITNESS_DECLINED),
        WITNESS_LINK_REFUSED(AuditAction.WITNESS_LINK_REFUSED),
        WITNESS_LIST_SIGNED(AuditAction.WITNESS_LIST_SIGNED),
        EXPERT_WITNESS_RECORDED(AuditAction.EXPERT_WITNESS_RECORDED),
        EXPERT_WITNESS_SIGNED(AuditAction.EXPERT_WITNESS_SIGNED),
        /** The assessor's recording documents: a record written, a draft edited, a signature, a new version. */
        RECORD_WRITTEN(AuditAction.RECORD_WRITTEN),
        RECORD_EDITED(AuditAction.RECORD_EDITED),
        RECORD_SIGNED(AuditAction.RECORD_SIGNED),
        RECORD_NEW_VERSION(AuditAction.RECORD_NEW_VERSION),
        /** A draft nobody signed, discarded by its assessor. */
        RECORD_DISCARDED(AuditAction.RECORD_DISCARDED),
        /** Evidence linked to the assessment action plan it fulfils. */
        RECORD_EVIDENCE_LINKED(AuditAction.RECORD_EVIDENCE_LINKED),
        /** A learner unit went out in a portfolio export ({@link UnitContents#recordExport}). */
        PORTFOLIO_EXPORTED(AuditAction.PORTFOLIO_EXPORTED);

        private final AuditAction action;

        Event(AuditAction action) {
            this.action = action;
        }
    }

    /** One recorded view or event, for the centre administrator's page. */
    public record Recorded(Instant at, String actor, String actorName, String action, UUID learnerUnitId, String path,
            String detail) {
    }

    /** Paths that show one learner's unit, or evidence or a file of it. The session token is never recorded. */
    private static final Pattern SESSION = Pattern.compile("^/s/[^/]+(/.*)?$");
    private static final Pattern UNIT = Pattern.compile("^/(?:portfolio|eqa/units)/([0-9a-fA-F-]{36})(?:/.*)?$");
    private static final Pattern EVIDENCE = Pattern.compile("^/evidence/([0-9a-fA-F-]{36})(?:/.*)?$");
    private static final Pattern FILE = Pattern.compile("^/files/([0-9a-fA-F-]{36})$");
    private static final int MAX_PATH = 500;

    private final AuditTrail trail;
    private final TransactionTemplate transaction;
    private final LearnerUnitStore learnerUnits;
    private final EvidenceStore evidence;
    private final JdbcClient jdbc;

    AccessRecords(AuditTrail trail, TransactionTemplate transaction, LearnerUnitStore learnerUnits, EvidenceStore evidence,
            JdbcClient jdbc) {
        this.trail = trail;
        this.transaction = transaction;
        this.learnerUnits = learnerUnits;
        this.evidence = evidence;
        this.jdbc = jdbc;
    }

    /**
     * The person opened this page or file ({@code path} as requested, with or without its {@code /s/{token}} prefix,
     * which is dropped): recorded with the learner unit it shows, when it shows one.
     */
    public void viewed(LtiPrincipal actor, String path) {
        String shown = withoutSession(path);
        Optional<LearnerUnit> unit = learnerUnitOf(shown);
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("path", shown);
        unit.ifPresent(u -> {
            detail.put("learner", u.learnerName());
            detail.put("unit", u.unitCode());
        });
        append(new AuditEntry(actor.platformId(), unit.map(u -> u.course().deploymentId()).orElse(null),
                unit.map(u -> u.course().contextId()).orElse(null), actor.subject(), actor.displayName(),
                AuditAction.EXTERNAL_VIEW, unit.map(LearnerUnit::id).orElse(null), detail));
    }

    /** Something happened to an external verifier's access to the centre ({@code platformId}). */
    public void record(UUID platformId, String actor, String actorName, Event event, UUID subjectId,
            Map<String, Object> detail) {
        append(new AuditEntry(platformId, null, null, actor, actorName, event.action, subjectId, detail));
    }

    /**
     * Something the actor did to a record about a learner's unit (the records module's signed documents): recorded with
     * the course and the learner unit, in the caller's transaction when there is one, so the change and its entry commit
     * together. {@code detail} names the record ({@code record}), so the entry means something on its own.
     */
    public void onUnit(LtiPrincipal actor, LearnerUnit unit, Event event, Map<String, Object> detail) {
        append(new AuditEntry(unit.course().platformId(), unit.course().deploymentId(), unit.course().contextId(),
                actor.subject(), actor.displayName(), event.action, unit.id(), detail));
    }

    /** The centre's records by these actors (an EQA's is {@code eqa:{grantId}}), newest first. */
    public List<Recorded> byActor(UUID platformId, String actor, int limit) {
        return jdbc.sql("""
                        SELECT occurred_at, actor, actor_name, action, subject_id, detail FROM audit_event
                        WHERE platform_id = ? AND actor = ? ORDER BY seq DESC LIMIT ?""")
                .params(platformId, actor, limit)
                .query((rs, n) -> {
                    String detail = rs.getString("detail");
                    return new Recorded(rs.getObject("occurred_at", java.time.OffsetDateTime.class).toInstant(),
                            rs.getString("actor"), rs.getString("actor_name"), rs.getString("action"),
                            rs.getObject("subject_id", UUID.class), pathIn(detail), detail);
                })
                .list();
    }

    private void append(AuditEntry entry) {
        transaction.executeWithoutResult(tx -> trail.append(entry));
    }

    /** The path as recorded: without its {@code /s/{token}} prefix, so the session token never reaches the trail. */
    public static String withoutSession(String path) {
        String p = path == null ? "" : path;
        Matcher m = SESSION.matcher(p);
        if (m.matches()) {
            p = m.group(1) == null ? "/" : m.group(1);
        }
        return p.length() > MAX_PATH ? p.substring(0, MAX_PATH) : p;
    }

    private Optional<LearnerUnit> learnerUnitOf(String path) {
        Matcher unit = UNIT.matcher(path);
        if (unit.matches()) {
            return uuid(unit.group(1)).flatMap(learnerUnits::byId);
        }
        Matcher ev = EVIDENCE.matcher(path);
        if (ev.matches()) {
            return uuid(ev.group(1)).flatMap(evidence::evidence).flatMap(e -> learnerUnits.byId(e.learnerUnitId()));
        }
        Matcher file = FILE.matcher(path);
        if (file.matches()) {
            return uuid(file.group(1)).flatMap(evidence::file).flatMap(f -> evidence.evidence(f.evidenceId()))
                    .flatMap(e -> learnerUnits.byId(e.learnerUnitId()));
        }
        return Optional.empty();
    }

    private static Optional<UUID> uuid(String s) {
        try {
            return Optional.of(UUID.fromString(s));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String pathIn(String detail) {
        Matcher m = Pattern.compile("\"path\":\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(detail == null ? "" : detail);
        return m.find() ? m.group(1).replace("\\\"", "\"").replace("\\\\", "\\") : null;
    }
}
