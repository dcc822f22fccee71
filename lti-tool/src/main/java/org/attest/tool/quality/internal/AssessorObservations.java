package org.attest.tool.quality.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.attest.standards.AssessmentMethod;
import org.attest.tool.lti.LtiPrincipal;
import org.attest.tool.portfolio.AccessRecords;
import org.attest.tool.portfolio.CentreAssessors;
import org.attest.tool.portfolio.SamplingCandidates;
import org.attest.tool.portfolio.UnitForSampling;
import org.attest.tool.quality.sampling.Candidate;
import org.attest.tool.quality.sampling.ObservationCoverage;
import org.attest.tool.quality.sampling.SamplingKind;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * An IQA observing an assessor assessing a learner, as part of interim sampling: the record (who, whom, when, where,
 * the method, what was seen, the outcome, feedback, action points), its countersignature when the IQA is working
 * towards their qualification, the assessor's side of the action points, and whether an interim plan has observed each
 * of its assessors ({@link ObservationCoverage}). Holds all SQL of {@code assessor_observation} and
 * {@code observation_action}.
 */
@Service
public class AssessorObservations {

    public enum Outcome {
        MEETS_STANDARD("meets the standard"),
        DEVELOPMENT_NEEDED("development needed");

        private final String label;

        Outcome(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** What the IQA writes on the form; {@code learnerUnitId} and {@code planId} may be null. */
    public record Input(String assessorSubject, UUID learnerUnitId, UUID planId, LocalDate observedOn,
            AssessmentMethod method, String site, String observed, Outcome outcome, String feedback,
            List<IqaReviews.ActionInput> actions) {
    }

    /** An observation as recorded. */
    public record Observation(UUID id, UUID platformId, UUID planId, String iqaSubject, String iqaName,
            String assessorSubject, String assessorName, UUID learnerUnitId, String learnerName, String unitCode,
            LocalDate observedOn, AssessmentMethod method, String site, String observed, Outcome outcome,
            String feedback, Instant recordedAt, boolean countersignNeeded, String countersignedName,
            List<Action> actions) {

        /** "Sam Student, Unit 224", or empty when no learner unit was named. */
        public String learnerUnit() {
            return learnerUnitId == null ? "" : learnerName + ", Unit " + unitCode;
        }

        /** Action points not closed yet. */
        public long openActionCount() {
            return actions.stream().filter(Action::open).count();
        }

        /** Action points the assessor says are done, waiting for an IQA to close them. */
        public long doneToClose() {
            return actions.stream().filter(a -> a.open() && a.doneAt() != null).count();
        }

        /** Recorded by a trainee IQA and not countersigned yet. */
        public boolean awaitingCountersignature() {
            return countersignNeeded && countersignedName == null;
        }
    }

    /** An action point of an observation and where it stands. */
    public record Action(UUID id, UUID observationId, String assessorSubject, String text, LocalDate due,
            Instant doneAt, String doneNote, Instant closedAt, String closedBy) {

        public boolean open() {
            return closedAt == null;
        }

        public boolean overdue(LocalDate today) {
            return open() && doneAt == null && due.isBefore(today);
        }
    }

    static final int MAX_SITE = 200;

    private final JdbcClient jdbc;
    private final QualityAccess access;
    private final CentreAssessors assessors;
    private final SamplingCandidates candidates;
    private final SamplingPlans plans;
    private final Clock clock;
    private final AccessRecords records;

    AssessorObservations(JdbcClient jdbc, QualityAccess access, CentreAssessors assessors, SamplingCandidates candidates,
            SamplingPlans plans, Clock clock, AccessRecords records) {
        this.jdbc = jdbc;
        this.access = access;
        this.assessors = assessors;
        this.candidates = candidates;
        this.plans = plans;
        this.clock = clock;
        this.records = records;
    }

    /** The assessors of the IQA's centre an IQA may observe: everyone who launched as a tutor, but the IQA. */
    public List<CentreAssessors.Person> observable(LtiPrincipal user) {
        access.requireIqa(user);
        return assessors.of(user.platformId()).stream().filter(p -> !p.subject().equals(user.subject())).toList();
    }

    /** The IQA records an observation. Bad input changes nothing; observing oneself is refused. */
    @Transactional
    public Observation record(LtiPrincipal user, Input in) {
        IqaPeople.Iqa iqa = access.requireIqa(user);
        if (in.assessorSubject() == null || in.assessorSubject().isBlank()) {
            throw QualityRefused.invalid("choose the assessor you observed");
        }
        if (in.assessorSubject().equals(user.subject())) {
            throw QualityRefused.forbidden("an internal verifier never observes their own practice; another IQA of "
                    + "your centre observes you");
        }
        CentreAssessors.Person assessor = assessors.find(user.platformId(), in.assessorSubject())
                .orElseThrow(() -> QualityRefused.invalid("'" + in.assessorSubject() + "' is not an assessor of your "
                        + "centre: choose one from the list (an assessor appears once they have opened Attest as a tutor)"));
        SamplingPlans.Plan plan = null;
        if (in.planId() != null) {
            plan = plans.plan(user, in.planId());
            if (plan.kind() != SamplingKind.INTERIM) {
                throw QualityRefused.invalid("observations belong to interim sampling; \"" + plan.title()
                        + "\" is a summative plan: choose an interim plan or none");
            }
        }
        UnitForSampling unit = null;
        if (in.learnerUnitId() != null) {
            unit = candidates.one(user.platformId(), in.learnerUnitId())
                    .orElseThrow(() -> QualityRefused.notFound("The learner unit"));
            if (unit.assessorSubject() != null && !unit.assessorSubject().equals(assessor.subject())) {
                throw QualityRefused.invalid(unit.learnerName() + "'s Unit " + unit.unitCode() + " is assessed by "
                        + unit.assessorName() + ", not " + assessor.name() + ": choose one of " + assessor.name()
                        + "'s learner units, or none");
            }
            if (plan != null && !plan.frameworkId().equals(unit.frameworkId())) {
                throw QualityRefused.invalid(unit.learnerName() + "'s Unit " + unit.unitCode() + " is not on the "
                        + "qualification of \"" + plan.title() + "\": choose one of the plan's learner units, or none");
            }
        }
        LocalDate today = LocalDate.now(clock.withZone(IqaReviews.CENTRE_ZONE));
        if (in.observedOn() == null || in.observedOn().isAfter(today) || in.observedOn().isBefore(today.minusYears(1))) {
            throw QualityRefused.invalid("give the date of the observation, from a year ago to today");
        }
        if (in.method() == null) {
            throw QualityRefused.invalid("say which assessment method you observed (for example Observation or "
                    + "Professional discussion)");
        }
        String site = text(in.site(), MAX_SITE, "where the assessment took place (the site or workplace)");
        String observed = text(in.observed(), IqaReviews.MAX_FEEDBACK, "what you observed");
        if (in.outcome() == null) {
            throw QualityRefused.invalid("say whether the assessor's practice meets the standard or needs development");
        }
        String feedback = text(in.feedback(), IqaReviews.MAX_FEEDBACK, "your feedback to the assessor");
        List<IqaReviews.ActionInput> points = new ArrayList<>();
        for (IqaReviews.ActionInput a : in.actions() == null ? List.<IqaReviews.ActionInput>of() : in.actions()) {
            if (a == null || (a.text() == null || a.text().isBlank()) && a.due() == null) {
                continue; // an empty row of the form
            }
            String text = text(a.text(), IqaReviews.MAX_TEXT, "the action point");
            if (a.due() == null || a.due().isBefore(today) || a.due().isAfter(today.plusYears(1))) {
                throw QualityRefused.invalid("give the action point \"" + text + "\" a due date from today to a year ahead");
            }
            points.add(new IqaReviews.ActionInput(text, a.due()));
        }
        if (in.outcome() == Outcome.DEVELOPMENT_NEEDED && points.isEmpty()) {
            throw QualityRefused.invalid("development needed: set the assessor at least one action point with a due date");
        }
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                INSERT INTO assessor_observation (id, platform_id, plan_id, iqa_subject, iqa_name, assessor_subject,
                    assessor_name, learner_unit_id, learner_name, unit_code, observed_on, method, site, observed, outcome,
                    feedback, recorded_at, countersign_needed)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, user.platformId(), in.planId(), user.subject(), iqa.name(), assessor.subject(),
                        assessor.name(), unit == null ? null : unit.learnerUnitId(),
                        unit == null ? null : unit.learnerName(), unit == null ? null : unit.unitCode(), in.observedOn(),
                        in.method().name(), site, observed, in.outcome().name(), feedback,
                        Timestamp.from(clock.instant()), !iqa.qualified())
                .update();
        for (IqaReviews.ActionInput a : points) {
            jdbc.sql("""
                    INSERT INTO observation_action (id, observation_id, platform_id, assessor_subject, text, due_on)
                    VALUES (?, ?, ?, ?, ?, ?)""")
                    .params(UUID.randomUUID(), id, user.platformId(), assessor.subject(), a.text(), a.due()).update();
        }
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("observation", id.toString());
        detail.put("assessor", assessor.subject());
        detail.put("assessorName", assessor.name());
        detail.put("learnerUnit", unit == null ? null : unit.learnerUnitId().toString());
        detail.put("plan", plan == null ? null : plan.id().toString());
        detail.put("observedOn", in.observedOn().toString());
        detail.put("method", in.method().label());
        detail.put("site", site);
        detail.put("observed", observed);
        detail.put("outcome", in.outcome().name());
        detail.put("feedback", feedback);
        detail.put("actions", points.stream().map(a -> Map.of("text", a.text(), "due", a.due().toString())).toList());
        detail.put("countersignNeeded", !iqa.qualified());
        records.record(user.platformId(), user.subject(), iqa.name(), AccessRecords.Event.IQA_OBSERVATION_RECORDED, id,
                detail);
        return find(user.platformId(), id);
    }

    /** One observation of the IQA's centre. */
    public Observation observation(LtiPrincipal user, UUID id) {
        access.requireIqa(user);
        return find(user.platformId(), id);
    }

    /** The centre's observations, the latest first. */
    public List<Observation> ofCentre(LtiPrincipal user) {
        access.requireIqa(user);
        return list("SELECT * FROM assessor_observation WHERE platform_id = ? ORDER BY observed_on DESC, recorded_at DESC",
                user.platformId());
    }

    /** The observations recorded for a plan, the latest first. The caller has checked the plan may be read. */
    public List<Observation> inPlan(UUID planId) {
        return list("SELECT * FROM assessor_observation WHERE plan_id = ? ORDER BY observed_on DESC, recorded_at DESC",
                planId);
    }

    /** The observations of the assessor's own practice in their centre, the latest first. */
    public List<Observation> ofMe(LtiPrincipal assessor) {
        return list("""
                SELECT * FROM assessor_observation WHERE platform_id = ? AND assessor_subject = ?
                ORDER BY observed_on DESC, recorded_at DESC""", assessor.platformId(), assessor.subject());
    }

    /** Whether an interim plan has observed each assessor of its caseload; empty rows for a summative plan. */
    public ObservationCoverage coverage(SamplingPlans.Sample sample) {
        SamplingPlans.Plan plan = sample.plan();
        if (plan.kind() != SamplingKind.INTERIM) {
            return new ObservationCoverage(List.of(), List.of());
        }
        Map<String, Candidate.Assessor> inCaseload = new LinkedHashMap<>();
        Set<String> newAssessors = sample.caseload().isEmpty() ? Set.of() : plans.newToAssessing(plan.platformId());
        for (UnitForSampling u : sample.caseload()) {
            if (u.assessorSubject() != null) {
                inCaseload.merge(u.assessorSubject(),
                        new Candidate.Assessor(u.assessorSubject(), u.assessorName(), u.traineeAssessor(),
                                newAssessors.contains(u.assessorSubject()), 0),
                        (a, b) -> a.trainee() ? a : b);
            }
        }
        List<ObservationCoverage.Observed> observed = new ArrayList<>();
        jdbc.sql("""
                SELECT plan_id, assessor_subject, assessor_name, observed_on, method, outcome FROM assessor_observation
                WHERE platform_id = ? ORDER BY observed_on""")
                .param(plan.platformId()).query(rs -> {
                    UUID planId = rs.getObject("plan_id", UUID.class);
                    String subject = rs.getString("assessor_subject");
                    boolean inThisPlan = plan.id().equals(planId);
                    if (inThisPlan) { // observed in this plan but with no unit in its caseload: still listed
                        inCaseload.putIfAbsent(subject,
                                new Candidate.Assessor(subject, rs.getString("assessor_name"), false, false, 0));
                    }
                    observed.add(new ObservationCoverage.Observed(subject, rs.getObject("observed_on", LocalDate.class),
                            AssessmentMethod.valueOf(rs.getString("method")),
                            Outcome.valueOf(rs.getString("outcome")) == Outcome.MEETS_STANDARD, inThisPlan));
                });
        Set<String> wanted = inCaseload.keySet();
        return ObservationCoverage.of(inCaseload.values(),
                observed.stream().filter(o -> wanted.contains(o.assessorId())).collect(Collectors.toList()),
                LocalDate.now(clock.withZone(IqaReviews.CENTRE_ZONE)));
    }

    /** The open action points of observations of the assessor's practice, the soonest due first. */
    public List<Action> openActionsFor(LtiPrincipal assessor) {
        return jdbc.sql("""
                SELECT * FROM observation_action WHERE platform_id = ? AND assessor_subject = ? AND closed_at IS NULL
                ORDER BY due_on, id""")
                .params(assessor.platformId(), assessor.subject()).query(AssessorObservations::action).list();
    }

    /** The assessor says an action point of an observation of their practice is done; an IQA closes it. */
    @Transactional
    public Action markDone(LtiPrincipal assessor, UUID actionId, String note) {
        Action action = jdbc.sql("SELECT * FROM observation_action WHERE id = ? AND platform_id = ? AND assessor_subject = ?")
                .params(actionId, assessor.platformId(), assessor.subject()).query(AssessorObservations::action)
                .optional().orElseThrow(() -> QualityRefused.notFound("The action point"));
        if (!action.open()) {
            throw QualityRefused.invalid("this action point is already closed");
        }
        String what = text(note, IqaReviews.MAX_TEXT, "what you did");
        jdbc.sql("UPDATE observation_action SET done_at = ?, done_note = ? WHERE id = ?")
                .params(Timestamp.from(clock.instant()), what, actionId).update();
        records.record(assessor.platformId(), assessor.subject(), assessor.displayName(), AccessRecords.Event.ACTION_DONE,
                action.observationId(), Map.of("observationAction", action.text(), "note", what));
        return jdbc.sql("SELECT * FROM observation_action WHERE id = ?").param(actionId)
                .query(AssessorObservations::action).single();
    }

    /** An IQA of the centre closes an action point of an observation (never one of an observation of themselves). */
    @Transactional
    public Observation closeAction(LtiPrincipal user, UUID actionId) {
        IqaPeople.Iqa iqa = access.requireIqa(user);
        Action action = jdbc.sql("SELECT * FROM observation_action WHERE id = ? AND platform_id = ?")
                .params(actionId, user.platformId()).query(AssessorObservations::action).optional()
                .orElseThrow(() -> QualityRefused.notFound("The action point"));
        if (action.assessorSubject().equals(user.subject())) {
            throw QualityRefused.forbidden("this action point is on your own practice; another IQA closes it");
        }
        if (!action.open()) {
            throw QualityRefused.invalid("this action point is already closed");
        }
        jdbc.sql("UPDATE observation_action SET closed_at = ?, closed_by = ? WHERE id = ?")
                .params(Timestamp.from(clock.instant()), iqa.name(), actionId).update();
        records.record(user.platformId(), user.subject(), iqa.name(), AccessRecords.Event.OBSERVATION_ACTION_CLOSED,
                action.observationId(), Map.of("action", action.text(), "done", action.doneAt() != null));
        return find(user.platformId(), action.observationId());
    }

    /** A qualified IQA countersigns the observation record of an IQA working towards their qualification. */
    @Transactional
    public Observation countersign(LtiPrincipal user, UUID id) {
        IqaPeople.Iqa iqa = access.requireIqa(user);
        if (!iqa.qualified()) {
            throw QualityRefused.forbidden("only a qualified IQA countersigns; you are recorded as working towards the "
                    + "qualification");
        }
        Observation o = find(user.platformId(), id);
        if (o.iqaSubject().equals(user.subject())) {
            throw QualityRefused.forbidden("you cannot countersign your own observation record");
        }
        if (o.assessorSubject().equals(user.subject())) {
            throw QualityRefused.forbidden("this observation is of your own practice; another qualified IQA countersigns it");
        }
        if (!o.awaitingCountersignature()) {
            throw QualityRefused.invalid("this observation record needs no countersignature, or has one already");
        }
        jdbc.sql("""
                UPDATE assessor_observation SET countersigned_by = ?, countersigned_name = ?, countersigned_at = ?
                WHERE id = ?""")
                .params(user.subject(), iqa.name(), Timestamp.from(clock.instant()), id).update();
        records.record(user.platformId(), user.subject(), iqa.name(), AccessRecords.Event.OBSERVATION_COUNTERSIGNED, id,
                Map.of("observation", id.toString(), "observedBy", o.iqaName(), "assessor", o.assessorName(),
                        "outcome", o.outcome().name()));
        return find(user.platformId(), id);
    }

    private Observation find(UUID platformId, UUID id) {
        return list("SELECT * FROM assessor_observation WHERE id = ? AND platform_id = ?", id, platformId).stream()
                .findFirst().orElseThrow(() -> QualityRefused.notFound("The observation"));
    }

    private List<Observation> list(String sql, Object... params) {
        List<Observation> bare = jdbc.sql(sql).params(params).query(AssessorObservations::observation).list();
        if (bare.isEmpty()) {
            return bare;
        }
        Map<UUID, List<Action>> actions = new LinkedHashMap<>();
        for (Observation o : bare) {
            actions.put(o.id(), new ArrayList<>());
        }
        // one query for every observation's actions (the lists are a centre's observations: tens, not thousands)
        String in = String.join(", ", java.util.Collections.nCopies(bare.size(), "?"));
        jdbc.sql("SELECT * FROM observation_action WHERE observation_id IN (" + in + ") ORDER BY due_on, id")
                .params(bare.stream().map(Observation::id).toArray()).query(AssessorObservations::action).list()
                .forEach(a -> actions.get(a.observationId()).add(a));
        return bare.stream().map(o -> new Observation(o.id(), o.platformId(), o.planId(), o.iqaSubject(), o.iqaName(),
                o.assessorSubject(), o.assessorName(), o.learnerUnitId(), o.learnerName(), o.unitCode(), o.observedOn(),
                o.method(), o.site(), o.observed(), o.outcome(), o.feedback(), o.recordedAt(), o.countersignNeeded(),
                o.countersignedName(), List.copyOf(actions.get(o.id())))).toList();
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

    private static Observation observation(ResultSet rs, int n) throws SQLException {
        Timestamp countersigned = rs.getTimestamp("countersigned_at");
        return new Observation(rs.getObject("id", UUID.class), rs.getObject("platform_id", UUID.class),
                rs.getObject("plan_id", UUID.class), rs.getString("iqa_subject"), rs.getString("iqa_name"),
                rs.getString("assessor_subject"), rs.getString("assessor_name"),
                rs.getObject("learner_unit_id", UUID.class), rs.getString("learner_name"), rs.getString("unit_code"),
                rs.getObject("observed_on", LocalDate.class), AssessmentMethod.valueOf(rs.getString("method")),
                rs.getString("site"), rs.getString("observed"), Outcome.valueOf(rs.getString("outcome")),
                rs.getString("feedback"), rs.getTimestamp("recorded_at").toInstant(), rs.getBoolean("countersign_needed"),
                countersigned == null ? null : rs.getString("countersigned_name"), List.of());
    }

    private static Action action(ResultSet rs, int n) throws SQLException {
        Timestamp done = rs.getTimestamp("done_at");
        Timestamp closed = rs.getTimestamp("closed_at");
        return new Action(rs.getObject("id", UUID.class), rs.getObject("observation_id", UUID.class),
                rs.getString("assessor_subject"), rs.getString("text"), rs.getObject("due_on", LocalDate.class),
                done == null ? null : done.toInstant(), rs.getString("done_note"),
                closed == null ? null : closed.toInstant(), rs.getString("closed_by"));
    }
}
