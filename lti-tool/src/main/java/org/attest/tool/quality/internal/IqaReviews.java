package org.attest.tool.quality.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.attest.standards.Criterion;
import org.attest.standards.Unit;
import org.attest.tool.lti.LtiPrincipal;
import org.attest.tool.portfolio.LearnerUnit;
import org.attest.tool.portfolio.LearnerUnits;
import org.attest.tool.portfolio.QualityHolds;
import org.attest.tool.portfolio.SamplingCandidates;
import org.attest.tool.portfolio.UnitForSampling;
import org.attest.tool.standards.FrameworkCatalog;
import org.attest.tool.portfolio.AccessRecords;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The IQA's decision on a sampled learner unit and the action points that follow. Agree: the assessor's judgement
 * stands (and a unit the IQA held is released). Not agree: reasons per criterion, feedback and at least one action
 * point for the assessor; the portfolio withdraws the sign-off and holds the unit ({@link QualityHolds}), so its LMS
 * score drops from complete until the IQA agrees. Holds all SQL of {@code iqa_review}, {@code iqa_review_criterion}
 * and {@code iqa_action}.
 */
@Service
public class IqaReviews {

    public enum Outcome { AGREE, NOT_AGREE }

    /** An action point as the IQA writes it. */
    public record ActionInput(String text, LocalDate due) {
    }

    /** A decision as stored, with its reasons per criterion (code to reason) and its action points. */
    public record Review(UUID id, UUID learnerUnitId, UUID planId, String stage, String iqaSubject, String iqaName,
            String assessorSubject, String assessorName, Outcome outcome, String feedback, Instant reviewedAt,
            boolean countersignNeeded, String countersignedName, Map<String, String> criteriaReasons, List<Action> actions) {
    }

    /** An action point and where it stands. */
    public record Action(UUID id, UUID reviewId, UUID learnerUnitId, String assessorSubject, String text, LocalDate due,
            Instant doneAt, String doneNote, Instant closedAt, String closedBy) {

        public boolean open() {
            return closedAt == null;
        }

        public boolean overdue(LocalDate today) {
            return open() && doneAt == null && due.isBefore(today);
        }
    }

    /** What the decision form needs: the unit, its criteria, the assessor, the decisions so far. */
    public record Verification(LearnerUnit unit, Unit standard, UnitForSampling facts, List<Review> reviews,
            boolean ownWork) {
    }

    static final int MAX_TEXT = 2000;
    static final int MAX_FEEDBACK = 4000;
    static final ZoneId CENTRE_ZONE = ZoneId.of("Europe/London");

    private final JdbcClient jdbc;
    private final QualityAccess access;
    private final LearnerUnits learnerUnits;
    private final SamplingCandidates candidates;
    private final FrameworkCatalog catalog;
    private final QualityHolds holds;
    private final SamplingPlans plans;
    private final Clock clock;
    private final AccessRecords records;

    IqaReviews(JdbcClient jdbc, QualityAccess access, LearnerUnits learnerUnits, SamplingCandidates candidates,
            FrameworkCatalog catalog, QualityHolds holds, SamplingPlans plans, Clock clock, AccessRecords records) {
        this.records = records;
        this.jdbc = jdbc;
        this.access = access;
        this.learnerUnits = learnerUnits;
        this.candidates = candidates;
        this.catalog = catalog;
        this.holds = holds;
        this.plans = plans;
        this.clock = clock;
    }

    /** A learner unit of the IQA's centre, ready to verify. */
    public Verification verification(LtiPrincipal user, UUID learnerUnitId) {
        access.requireIqa(user);
        LearnerUnit unit = learnerUnits.visible(user, learnerUnitId);
        Unit standard = catalog.unit(unit.versionId(), unit.unitCode()).map(FrameworkCatalog.PlaceableUnit::unit)
                .orElseThrow(() -> QualityRefused.notFound("The unit standard of this learner unit"));
        UnitForSampling facts = candidates.one(unit.course().platformId(), learnerUnitId)
                .orElseThrow(() -> QualityRefused.notFound("The learner unit"));
        boolean own = user.subject().equals(facts.assessorSubject());
        return new Verification(unit, standard, facts, reviews(learnerUnitId), own);
    }

    /** The IQA decides. Bad input changes nothing; a decision on the IQA's own assessment is refused. */
    @Transactional
    public Review decide(LtiPrincipal user, UUID learnerUnitId, Outcome outcome, String feedback,
            Map<UUID, String> criteriaReasons, List<ActionInput> actions) {
        IqaPeople.Iqa iqa = access.requireIqa(user);
        Verification v = verification(user, learnerUnitId);
        if (v.ownWork()) {
            throw QualityRefused.forbidden("an internal verifier never verifies their own assessment decisions; "
                    + "another IQA of your centre verifies this unit");
        }
        if (outcome == null) {
            throw QualityRefused.invalid("say whether you agree with the assessor's judgement");
        }
        String why = text(feedback, MAX_FEEDBACK, "your feedback to the assessor");
        Map<UUID, String> reasons = new LinkedHashMap<>();
        Map<String, String> reasonsByCode = new LinkedHashMap<>();
        (criteriaReasons == null ? Map.<UUID, String>of() : criteriaReasons).forEach((id, reason) -> {
            if (reason == null || reason.isBlank()) {
                return;
            }
            Criterion c = v.standard().criteria().filter(x -> x.id().equals(id)).findFirst()
                    .orElseThrow(() -> QualityRefused.invalid("criterion " + id + " is not in Unit " + v.unit().unitCode()));
            reasons.put(id, text(reason, MAX_TEXT, "the reason for " + c.code()));
            reasonsByCode.put(c.code(), reasons.get(id));
        });
        List<ActionInput> points = new ArrayList<>();
        LocalDate today = LocalDate.now(clock.withZone(CENTRE_ZONE));
        for (ActionInput a : actions == null ? List.<ActionInput>of() : actions) {
            if (a == null || (a.text() == null || a.text().isBlank()) && a.due() == null) {
                continue; // an empty row of the form
            }
            String text = text(a.text(), MAX_TEXT, "the action point");
            if (a.due() == null || a.due().isBefore(today) || a.due().isAfter(today.plusYears(1))) {
                throw QualityRefused.invalid("give the action point \"" + text + "\" a due date from today to a year ahead");
            }
            points.add(new ActionInput(text, a.due()));
        }
        if (outcome == Outcome.NOT_AGREE && reasons.isEmpty()) {
            throw QualityRefused.invalid("say for at least one criterion why you do not agree");
        }
        if (outcome == Outcome.NOT_AGREE && points.isEmpty()) {
            throw QualityRefused.invalid("set the assessor at least one action point with a due date");
        }
        if (outcome == Outcome.AGREE && !reasons.isEmpty()) {
            throw QualityRefused.invalid("reasons per criterion go with \"not agree\"; for \"agree\" write your feedback");
        }
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        UnitForSampling facts = v.facts();
        String stage = facts.signedOff() ? "SUMMATIVE" : "INTERIM";
        UUID planId = plans.itemsOf(facts.course().platformId(), learnerUnitId).stream()
                .filter(i -> i.status() != SamplingPlans.Status.REMOVED).map(SamplingPlans.Item::planId)
                .reduce((first, later) -> later).orElse(null);
        jdbc.sql("""
                INSERT INTO iqa_review (id, platform_id, learner_unit_id, plan_id, stage, iqa_subject, iqa_name,
                    assessor_subject, assessor_name, outcome, feedback, reviewed_at, countersign_needed)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, facts.course().platformId(), learnerUnitId, planId, stage, user.subject(), iqa.name(),
                        facts.assessorSubject(), facts.assessorName(), outcome.name(), why, Timestamp.from(now),
                        !iqa.qualified())
                .update();
        reasons.forEach((criterion, reason) -> jdbc.sql("""
                INSERT INTO iqa_review_criterion (review_id, criterion_id, criterion_code, reason) VALUES (?, ?, ?, ?)""")
                .params(id, criterion, v.standard().criteria().filter(c -> c.id().equals(criterion)).findFirst()
                        .map(Criterion::code).orElseThrow(), reason)
                .update());
        for (ActionInput a : points) {
            jdbc.sql("""
                    INSERT INTO iqa_action (id, review_id, platform_id, learner_unit_id, assessor_subject, text, due_on)
                    VALUES (?, ?, ?, ?, ?, ?, ?)""")
                    .params(UUID.randomUUID(), id, facts.course().platformId(), learnerUnitId, facts.assessorSubject(),
                            a.text(), a.due())
                    .update();
        }
        QualityHolds.Verifier verifier = new QualityHolds.Verifier(user.subject(), iqa.name());
        if (outcome == Outcome.NOT_AGREE) {
            if (facts.held()) { // looked again after the assessor acted: what they did is closed, the new points stand
                closeDoneActions(learnerUnitId, id, iqa.name(), now);
            }
            holds.hold(learnerUnitId, verifier, why, reasons);
        } else if (facts.held()) {
            holds.release(learnerUnitId, verifier, why);
            closeActions(learnerUnitId, iqa.name(), now);
        }
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("review", id.toString());
        detail.put("outcome", outcome.name());
        detail.put("stage", stage);
        detail.put("plan", planId == null ? null : planId.toString());
        detail.put("assessor", facts.assessorName());
        detail.put("feedback", why);
        detail.put("criteria", reasonsByCode);
        detail.put("actions", points.stream().map(a -> Map.of("text", a.text(), "due", a.due().toString())).toList());
        detail.put("countersignNeeded", !iqa.qualified());
        records.record(facts.course().platformId(), user.subject(), iqa.name(), AccessRecords.Event.IQA_DECIDED, learnerUnitId,
                detail);
        plans.decided(facts.course().platformId(), learnerUnitId,
                outcome == Outcome.AGREE ? SamplingPlans.Status.AGREED : SamplingPlans.Status.NOT_AGREED, iqa.name());
        return reviews(learnerUnitId).stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
    }

    /** The decisions on a learner unit, oldest first. */
    public List<Review> reviews(UUID learnerUnitId) {
        List<Review> bare = jdbc.sql("SELECT * FROM iqa_review WHERE learner_unit_id = ? ORDER BY reviewed_at, id")
                .param(learnerUnitId).query((rs, n) -> review(rs, Map.of(), List.of())).list();
        List<Review> full = new ArrayList<>();
        for (Review r : bare) {
            Map<String, String> reasons = new LinkedHashMap<>();
            jdbc.sql("SELECT criterion_code, reason FROM iqa_review_criterion WHERE review_id = ? ORDER BY criterion_code")
                    .param(r.id()).query(rs -> {
                        reasons.put(rs.getString("criterion_code"), rs.getString("reason"));
                    });
            full.add(new Review(r.id(), r.learnerUnitId(), r.planId(), r.stage(), r.iqaSubject(), r.iqaName(),
                    r.assessorSubject(), r.assessorName(), r.outcome(), r.feedback(), r.reviewedAt(), r.countersignNeeded(),
                    r.countersignedName(), reasons, actionsOfReview(r.id())));
        }
        return full;
    }

    /** The open action points on the assessor's work in their centre, the soonest due first. */
    public List<Action> openActionsFor(LtiPrincipal assessor) {
        return jdbc.sql("""
                SELECT * FROM iqa_action WHERE platform_id = ? AND assessor_subject = ? AND closed_at IS NULL
                ORDER BY due_on, id""")
                .params(assessor.platformId(), assessor.subject()).query(IqaReviews::action).list();
    }

    /** The open action points in the IQA's centre, the soonest due first. */
    public List<Action> openActions(LtiPrincipal user) {
        access.requireIqa(user);
        return jdbc.sql("SELECT * FROM iqa_action WHERE platform_id = ? AND closed_at IS NULL ORDER BY due_on, id")
                .param(user.platformId()).query(IqaReviews::action).list();
    }

    /** The assessor says an action point on their work is done; the IQA closes it by agreeing with the unit. */
    @Transactional
    public Action markDone(LtiPrincipal assessor, UUID actionId, String note) {
        Action action = jdbc.sql("SELECT * FROM iqa_action WHERE id = ? AND platform_id = ? AND assessor_subject = ?")
                .params(actionId, assessor.platformId(), assessor.subject()).query(IqaReviews::action).optional()
                .orElseThrow(() -> QualityRefused.notFound("The action point"));
        if (!action.open()) {
            throw QualityRefused.invalid("this action point is already closed");
        }
        String what = text(note, MAX_TEXT, "what you did");
        jdbc.sql("UPDATE iqa_action SET done_at = ?, done_note = ? WHERE id = ?")
                .params(Timestamp.from(clock.instant()), what, actionId).update();
        records.record(assessor.platformId(), assessor.subject(), assessor.displayName(), AccessRecords.Event.ACTION_DONE,
                action.learnerUnitId(), Map.of("action", action.text(), "note", what));
        return jdbc.sql("SELECT * FROM iqa_action WHERE id = ?").param(actionId).query(IqaReviews::action).single();
    }

    /**
     * A qualified IQA countersigns the decision of an IQA working towards their qualification (never their own); until
     * then that decision does not make a unit ready for the claim.
     */
    @Transactional
    public Review countersign(LtiPrincipal user, UUID reviewId) {
        IqaPeople.Iqa iqa = access.requireIqa(user);
        if (!iqa.qualified()) {
            throw QualityRefused.forbidden("only a qualified IQA countersigns; you are recorded as working towards the "
                    + "qualification");
        }
        Review review = jdbc.sql("SELECT * FROM iqa_review WHERE id = ? AND platform_id = ?").params(reviewId, user.platformId())
                .query((rs, n) -> review(rs, Map.of(), List.of())).optional()
                .orElseThrow(() -> QualityRefused.notFound("The IQA decision"));
        if (review.iqaSubject().equals(user.subject())) {
            throw QualityRefused.forbidden("you cannot countersign your own decision");
        }
        if (!review.countersignNeeded() || review.countersignedName() != null) {
            throw QualityRefused.invalid("this decision needs no countersignature, or has one already");
        }
        jdbc.sql("UPDATE iqa_review SET countersigned_by = ?, countersigned_name = ?, countersigned_at = ? WHERE id = ?")
                .params(user.subject(), iqa.name(), Timestamp.from(clock.instant()), reviewId).update();
        records.record(user.platformId(), user.subject(), iqa.name(), AccessRecords.Event.DECISION_COUNTERSIGNED,
                review.learnerUnitId(), Map.of("review", reviewId.toString(), "decidedBy", review.iqaName(),
                        "outcome", review.outcome().name()));
        return reviews(review.learnerUnitId()).stream().filter(r -> r.id().equals(reviewId)).findFirst().orElseThrow();
    }

    /** What the IQA of a sampled unit may see of it: empty when the user is not an IQA of its centre. */
    public Optional<IqaPeople.Iqa> iqa(LtiPrincipal user) {
        return access.iqa(user);
    }

    private void closeActions(UUID learnerUnitId, String by, Instant now) {
        jdbc.sql("UPDATE iqa_action SET closed_at = ?, closed_by = ? WHERE learner_unit_id = ? AND closed_at IS NULL")
                .params(Timestamp.from(now), by, learnerUnitId).update();
    }

    /** The action points the assessor marked done before this (new) review: the IQA has looked at them. */
    private void closeDoneActions(UUID learnerUnitId, UUID reviewId, String by, Instant now) {
        jdbc.sql("""
                UPDATE iqa_action SET closed_at = ?, closed_by = ?
                WHERE learner_unit_id = ? AND closed_at IS NULL AND done_at IS NOT NULL AND review_id <> ?""")
                .params(Timestamp.from(now), by, learnerUnitId, reviewId).update();
    }

    private List<Action> actionsOfReview(UUID reviewId) {
        return jdbc.sql("SELECT * FROM iqa_action WHERE review_id = ? ORDER BY due_on, id").param(reviewId)
                .query(IqaReviews::action).list();
    }

    private static String text(String value, int max, String what) {
        String v = value == null ? "" : value.strip();
        if (v.isEmpty()) {
            throw QualityRefused.invalid("write " + what);
        }
        if (v.length() > max) {
            throw QualityRefused.invalid(what + " is " + v.length() + " characters long; write at most " + max);
        }
        return v;
    }

    private static Review review(ResultSet rs, Map<String, String> reasons, List<Action> actions) throws SQLException {
        Timestamp countersigned = rs.getTimestamp("countersigned_at");
        return new Review(rs.getObject("id", UUID.class), rs.getObject("learner_unit_id", UUID.class),
                rs.getObject("plan_id", UUID.class), rs.getString("stage"), rs.getString("iqa_subject"),
                rs.getString("iqa_name"), rs.getString("assessor_subject"), rs.getString("assessor_name"),
                Outcome.valueOf(rs.getString("outcome")), rs.getString("feedback"),
                rs.getTimestamp("reviewed_at").toInstant(), rs.getBoolean("countersign_needed"),
                countersigned == null ? null : rs.getString("countersigned_name"), reasons, actions);
    }

    private static Action action(ResultSet rs, int n) throws SQLException {
        Timestamp done = rs.getTimestamp("done_at");
        Timestamp closed = rs.getTimestamp("closed_at");
        return new Action(rs.getObject("id", UUID.class), rs.getObject("review_id", UUID.class),
                rs.getObject("learner_unit_id", UUID.class), rs.getString("assessor_subject"), rs.getString("text"),
                rs.getObject("due_on", LocalDate.class), done == null ? null : done.toInstant(), rs.getString("done_note"),
                closed == null ? null : closed.toInstant(), rs.getString("closed_by"));
    }
}
