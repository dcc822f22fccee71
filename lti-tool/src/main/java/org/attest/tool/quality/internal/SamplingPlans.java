package org.attest.tool.quality.internal;

import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.attest.tool.lti.LtiPrincipal;
import org.attest.tool.portfolio.CentreAssessors;
import org.attest.tool.portfolio.Course;
import org.attest.tool.portfolio.SamplingCandidates;
import org.attest.tool.portfolio.UnitForSampling;
import org.attest.tool.quality.sampling.Candidate;
import org.attest.tool.quality.sampling.Proposal;
import org.attest.tool.quality.sampling.Sampling;
import org.attest.tool.quality.sampling.SamplingKind;
import org.attest.tool.quality.sampling.SamplingMatrix;
import org.attest.tool.quality.sampling.SamplingRules;
import org.attest.tool.quality.sampling.SamplingSpread;
import org.attest.tool.portfolio.AccessRecords;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A centre's sampling plans and their samples: a lead IQA makes a plan for a qualification (interim or summative,
 * rates, a seed), Attest proposes a sample from the plan's rules and the live caseloads, the IQA takes it, adds or
 * takes out learner units with a reason, and reads the sampling matrix. Holds all SQL of {@code sampling_plan} and
 * {@code sample_item}; the caseload comes from the portfolio ({@link SamplingCandidates}).
 */
@Service
public class SamplingPlans {

    /** A plan as stored. */
    /** @param course the cohort the plan samples, or null for every course of the centre */
    public record Plan(UUID id, UUID platformId, UUID frameworkId, Course course, String title, SamplingKind kind,
            int baseRate, int raisedRate, int raisedForMonths, long seed, String createdBy, Instant createdAt,
            Instant closedAt, String closedBy, String closeNote) {

        public SamplingRules rules() {
            return SamplingRules.defaults(kind).withRates(baseRate, raisedRate);
        }

        public boolean closed() {
            return closedAt != null;
        }
    }

    /** One learner unit in a plan's sample. */
    public record Item(UUID planId, UUID learnerUnitId, Origin origin, String reasons, Status status, String changedBy,
            Instant changedAt) {
    }

    public enum Origin { PROPOSED, ADDED }

    public enum Status { TO_VERIFY, AGREED, NOT_AGREED, REMOVED }

    /** A plan's sample with the caseload it was drawn from, ready for a page. */
    public record Sample(Plan plan, List<UnitForSampling> caseload, List<Item> items, List<UnitForSampling> notSampleable) {

        /** The learner units in the sample (taken out ones left out). */
        public Set<UUID> sampledIds() {
            Set<UUID> ids = new java.util.LinkedHashSet<>();
            items.stream().filter(i -> i.status() != Status.REMOVED).forEach(i -> ids.add(i.learnerUnitId()));
            return ids;
        }

        public Optional<UnitForSampling> unit(UUID learnerUnitId) {
            return caseload.stream().filter(u -> u.learnerUnitId().equals(learnerUnitId)).findFirst();
        }
    }

    private static final SecureRandom SEEDS = new SecureRandom();
    static final int MAX_TITLE = 200;
    /** How long a qualified assessor counts as new to assessing after their first decision: sampled in full. */
    static final int NEW_ASSESSOR_MONTHS = 6;
    static final int MAX_REASON = 2000;
    /** Picks recorded with their reasons in the audit entry of a taken sample (the plan's seed reproduces the rest). */
    static final int RECORDED_PICKS = 200;

    private final JdbcClient jdbc;
    private final SamplingCandidates candidates;
    private final QualityAccess access;
    private final Clock clock;
    private final AccessRecords records;
    private final CentreAssessors assessors;
    private final Placements placements;

    SamplingPlans(JdbcClient jdbc, SamplingCandidates candidates, QualityAccess access, Clock clock, AccessRecords records,
            Placements placements, CentreAssessors assessors) {
        this.assessors = assessors;
        this.records = records;
        this.placements = placements;
        this.jdbc = jdbc;
        this.candidates = candidates;
        this.access = access;
        this.clock = clock;
    }

    /** The courses of the IQA's centre with learners on a framework, for a plan of one cohort. */
    public List<Course> courses(LtiPrincipal user, UUID frameworkId) {
        access.requireIqa(user);
        return candidates.courses(user.platformId(), frameworkId);
    }

    /** The plans of the IQA's centre, newest first. */
    public List<Plan> plans(LtiPrincipal user) {
        access.requireIqa(user);
        return jdbc.sql("SELECT * FROM sampling_plan WHERE platform_id = ? ORDER BY created_at DESC, id")
                .param(user.platformId()).query(SamplingPlans::plan).list();
    }

    /** A plan of the IQA's centre. */
    public Plan plan(LtiPrincipal user, UUID planId) {
        access.requireIqa(user);
        return jdbc.sql("SELECT * FROM sampling_plan WHERE id = ? AND platform_id = ?").params(planId, user.platformId())
                .query(SamplingPlans::plan).optional()
                .orElseThrow(() -> QualityRefused.notFound("The sampling plan"));
    }

    /** A lead IQA makes a plan; a seed is drawn when none is given, so the proposal can be drawn again. */
    @Transactional
    public Plan create(LtiPrincipal user, UUID frameworkId, String courseId, String title, SamplingKind kind, int baseRate,
            int raisedRate, Long seed) {
        IqaPeople.Iqa lead = access.requireLead(user);
        String cleanTitle = title == null ? "" : title.strip();
        if (cleanTitle.isEmpty() || cleanTitle.length() > MAX_TITLE) {
            throw QualityRefused.invalid("give the plan a title of 1 to " + MAX_TITLE + " characters (for example "
                    + "\"Customer Service Level 2, summative 2026/27\")");
        }
        if (kind == null || frameworkId == null) {
            throw QualityRefused.invalid("choose the qualification and whether the sampling is interim or summative");
        }
        SamplingRules rules;
        try {
            rules = SamplingRules.defaults(kind).withRates(baseRate, raisedRate);
        } catch (IllegalArgumentException e) {
            throw QualityRefused.invalid(e.getMessage());
        }
        Course course = null;
        if (courseId != null && !courseId.isBlank()) {
            course = candidates.courses(user.platformId(), frameworkId).stream()
                    .filter(c -> (c.deploymentId() + " " + c.contextId()).equals(courseId)).findFirst()
                    .orElseThrow(() -> QualityRefused.invalid("the course chosen has no learners on this qualification; "
                            + "choose one from the list, or the whole centre"));
        }
        UUID id = UUID.randomUUID();
        long theSeed = seed != null ? seed : SEEDS.nextLong() & Long.MAX_VALUE;
        jdbc.sql("""
                INSERT INTO sampling_plan (id, platform_id, framework_id, deployment_id, context_id, title, stage, base_rate,
                    raised_rate, raised_for_months, seed, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, user.platformId(), frameworkId, course == null ? null : course.deploymentId(),
                        course == null ? null : course.contextId(), cleanTitle, kind.name(), rules.baseRatePercent(),
                        rules.raisedRatePercent(), rules.raisedForMonths(), theSeed, lead.name(),
                        Timestamp.from(clock.instant()))
                .update();
        Plan made = plan(user, id);
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("title", made.title());
        detail.put("framework", made.frameworkId().toString());
        detail.put("course", made.course() == null ? null : made.course().contextId());
        detail.put("kind", made.kind().name());
        detail.put("baseRate", made.baseRate());
        detail.put("raisedRate", made.raisedRate());
        detail.put("seed", made.seed());
        records.record(user.platformId(), user.subject(), lead.name(), AccessRecords.Event.PLAN_MADE, id, detail);
        return made;
    }

    /** The plan's sample and the caseload of its qualification in the centre. */
    public Sample sample(LtiPrincipal user, UUID planId) {
        Plan plan = plan(user, planId);
        List<UnitForSampling> caseload = plan.course() == null
                ? candidates.ofCentre(plan.platformId(), plan.frameworkId(), List.of())
                : candidates.ofCourse(plan.course(), plan.frameworkId());
        List<UnitForSampling> notSampleable = caseload.stream().filter(u -> u.assessorSubject() == null).toList();
        return new Sample(plan, caseload, items(planId), notSampleable);
    }

    /** What the plan's rules propose from the live caseload, with each pick's reasons; the same seed, the same sample. */
    public Proposal propose(LtiPrincipal user, UUID planId) {
        return propose(sample(user, planId));
    }

    /** The proposal for a sample already read (the plan page reads the caseload once for both). */
    public Proposal propose(Sample sample) {
        return Sampling.propose(sample.plan().rules(), candidates(sample), sample.plan().seed());
    }

    /** The assessor × unit × method matrix of the plan's sample, with the gaps in words. */
    public SamplingMatrix matrix(LtiPrincipal user, UUID planId) {
        return matrix(sample(user, planId));
    }

    /** The matrix of a sample already read. */
    public SamplingMatrix matrix(Sample sample) {
        return SamplingMatrix.of(candidates(sample), sample.sampledIds());
    }

    /** The matrix and how the sample spreads across employers and assessment sites, from one read of the candidates. */
    public record Coverage(SamplingMatrix matrix, SamplingSpread spread) {
    }

    /** The matrix page's {@link Coverage} of a sample already read: the candidates (four queries) are built once. */
    public Coverage coverage(Sample sample) {
        List<Candidate> candidates = candidates(sample);
        return new Coverage(SamplingMatrix.of(candidates, sample.sampledIds()),
                SamplingSpread.of(candidates, sample.sampledIds()));
    }

    /** The IQA takes the proposal: every pick joins the sample with its reasons (units already in it stay as they are). */
    @Transactional
    public int takeProposal(LtiPrincipal user, UUID planId) {
        IqaPeople.Iqa iqa = access.requireIqa(user);
        requireOpen(plan(user, planId));
        Proposal proposal = propose(user, planId);
        int added = 0;
        List<Map<String, Object>> picks = new ArrayList<>();
        for (Proposal.Pick pick : proposal.picks()) {
            added += insert(planId, pick.candidate().learnerUnitId(), Origin.PROPOSED, String.join(" ", pick.reasons()), iqa);
            if (picks.size() < RECORDED_PICKS) {
                picks.add(Map.of("learnerUnit", pick.candidate().learnerUnitId().toString(), "reasons", pick.reasons()));
            }
        }
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("seed", proposal.seed());
        detail.put("added", added);
        detail.put("picks", picks);
        detail.put("unmet", proposal.unmet());
        records.record(user.platformId(), user.subject(), iqa.name(), AccessRecords.Event.SAMPLE_TAKEN, planId, detail);
        return added;
    }

    /** The IQA adds a learner unit of the plan's caseload, saying why. */
    @Transactional
    public void add(LtiPrincipal user, UUID planId, UUID learnerUnitId, String reason) {
        IqaPeople.Iqa iqa = access.requireIqa(user);
        Sample sample = sample(user, planId);
        requireOpen(sample.plan());
        if (learnerUnitId == null) {
            throw QualityRefused.invalid("choose the learner unit to add to the sample");
        }
        UnitForSampling unit = sample.unit(learnerUnitId)
                .orElseThrow(() -> QualityRefused.notFound("That learner unit of the plan's qualification"));
        String why = reason(reason, "adding " + unit.learnerName() + "'s Unit " + unit.unitCode());
        if (sample.sampledIds().contains(learnerUnitId)) {
            throw QualityRefused.invalid(unit.learnerName() + "'s Unit " + unit.unitCode() + " is already in the sample");
        }
        records.record(user.platformId(), user.subject(), iqa.name(), AccessRecords.Event.SAMPLE_CHANGED, learnerUnitId,
                Map.of("plan", planId.toString(), "change", "added", "reason", why));
        int inserted = insert(planId, learnerUnitId, Origin.ADDED, "Added by " + iqa.name() + ": " + why, iqa);
        if (inserted == 0) { // taken out earlier: it comes back
            jdbc.sql("UPDATE sample_item SET status = 'TO_VERIFY', origin = 'ADDED', reasons = ?, changed_by = ?, changed_at = ? "
                            + "WHERE plan_id = ? AND learner_unit_id = ?")
                    .params("Added again by " + iqa.name() + ": " + why, iqa.name(), Timestamp.from(clock.instant()), planId,
                            learnerUnitId)
                    .update();
        }
    }

    /** The IQA takes a learner unit out of the sample, saying why; it stays listed as taken out. */
    @Transactional
    public void remove(LtiPrincipal user, UUID planId, UUID learnerUnitId, String reason) {
        IqaPeople.Iqa iqa = access.requireIqa(user);
        requireOpen(plan(user, planId));
        Item item = items(planId).stream().filter(i -> i.learnerUnitId().equals(learnerUnitId) && i.status() != Status.REMOVED)
                .findFirst().orElseThrow(() -> QualityRefused.notFound("That learner unit in the sample"));
        if (item.status() != Status.TO_VERIFY) {
            throw QualityRefused.invalid("this learner unit was already verified; its decision stays on record");
        }
        String why = reason(reason, "taking a learner unit out of the sample");
        records.record(user.platformId(), user.subject(), iqa.name(), AccessRecords.Event.SAMPLE_CHANGED, learnerUnitId,
                Map.of("plan", planId.toString(), "change", "taken out", "reason", why));
        jdbc.sql("UPDATE sample_item SET status = 'REMOVED', reasons = ?, changed_by = ?, changed_at = ? "
                        + "WHERE plan_id = ? AND learner_unit_id = ?")
                .params(item.reasons() + " Taken out by " + iqa.name() + ": " + why, iqa.name(),
                        Timestamp.from(clock.instant()), planId, learnerUnitId)
                .update();
    }

    /**
     * A lead IQA closes the plan once every unit of its sample has a decision (or was taken out with a reason). Closing
     * a summative plan closes out of the sample every learner unit of its caseload that is complete and was not picked:
     * those are ready for the certificate claim while the sign-off the plan saw stands. A closed plan's sample no longer
     * changes. Returns the number of learner units closed out.
     */
    @Transactional
    public int close(LtiPrincipal user, UUID planId, String note) {
        IqaPeople.Iqa lead = access.requireLead(user);
        Sample sample = sample(user, planId);
        Plan plan = sample.plan();
        requireOpen(plan);
        String said = note == null || note.isBlank() ? null : note.strip();
        if (said != null && said.length() > MAX_REASON) {
            throw QualityRefused.invalid("the note is " + said.length() + " characters long; write at most " + MAX_REASON);
        }
        long undecided = sample.items().stream()
                .filter(i -> i.status() == Status.TO_VERIFY || i.status() == Status.NOT_AGREED).count();
        if (undecided > 0) {
            throw QualityRefused.invalid(undecided + (undecided == 1 ? " learner unit" : " learner units")
                    + " of the sample still wait for the internal verifier's agreement; verify them, or take them out "
                    + "with a reason, before closing the plan");
        }
        Set<UUID> sampled = sample.sampledIds();
        List<UnitForSampling> closedOut = plan.kind() != SamplingKind.SUMMATIVE ? List.of() : sample.caseload().stream()
                .filter(u -> u.complete() && u.signedOffAt() != null && !u.held() && !sampled.contains(u.learnerUnitId()))
                .toList();
        Instant now = clock.instant();
        int updated = jdbc.sql("UPDATE sampling_plan SET closed_at = ?, closed_by = ?, close_note = ? "
                        + "WHERE id = ? AND closed_at IS NULL")
                .params(Timestamp.from(now), lead.name(), said, planId).update();
        if (updated == 0) {
            throw QualityRefused.invalid("this plan was closed a moment ago by another lead IQA");
        }
        for (UnitForSampling u : closedOut) {
            jdbc.sql("INSERT INTO plan_close_out (plan_id, learner_unit_id, signed_off_at) VALUES (?, ?, ?)")
                    .params(planId, u.learnerUnitId(), Timestamp.from(u.signedOffAt())).update();
        }
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("title", plan.title());
        detail.put("note", said);
        detail.put("sampled", sampled.size());
        detail.put("closedOut", closedOut.size());
        detail.put("closedOutUnits", closedOut.stream().limit(RECORDED_PICKS).map(u -> u.learnerUnitId().toString()).toList());
        records.record(user.platformId(), user.subject(), lead.name(), AccessRecords.Event.PLAN_CLOSED, planId, detail);
        return closedOut.size();
    }

    /** The learner units a closed summative plan closed out of its sample, each with the sign-off it saw. */
    public Map<UUID, ClosedOut> closedOut(UUID platformId) {
        Map<UUID, ClosedOut> result = new HashMap<>();
        jdbc.sql("""
                SELECT c.learner_unit_id, c.signed_off_at, p.title, p.closed_by, p.closed_at FROM plan_close_out c
                JOIN sampling_plan p ON p.id = c.plan_id WHERE p.platform_id = ? ORDER BY p.closed_at""")
                .param(platformId).query(rs -> {
                    result.put(rs.getObject("learner_unit_id", UUID.class), new ClosedOut(rs.getString("title"),
                            rs.getString("closed_by"), rs.getTimestamp("closed_at").toInstant(),
                            rs.getTimestamp("signed_off_at").toInstant()));
                });
        return result;
    }

    /** A learner unit closed out of a summative sample: by which plan, who closed it, and the sign-off it covered. */
    public record ClosedOut(String planTitle, String closedBy, Instant closedAt, Instant signedOffAt) {
    }

    private static void requireOpen(Plan plan) {
        if (plan.closed()) {
            throw QualityRefused.invalid("the plan \"" + plan.title() + "\" was closed by " + plan.closedBy()
                    + "; its sample no longer changes: make a new plan");
        }
    }

    /**
     * The plans an external verifier's grant shows, read-only: the plans of its qualification in its centre, or only
     * its plan when the grant is for one sample. The caller passes a grant {@link EqaGrants#requireActive} returned.
     */
    public List<Plan> plansForEqa(EqaGrant grant) {
        return jdbc.sql("SELECT * FROM sampling_plan WHERE platform_id = ? AND framework_id = ? ORDER BY created_at DESC, id")
                .params(grant.platformId(), grant.frameworkId()).query(SamplingPlans::plan).list().stream()
                .filter(p -> !grant.sampleOnly() || p.id().equals(grant.planId())).toList();
    }

    /** A plan's sample as {@link #sample} gives it, for an external verifier: only the units their grant covers. */
    public Sample sampleForEqa(EqaGrant grant, UUID planId) {
        Plan plan = plansForEqa(grant).stream().filter(p -> p.id().equals(planId)).findFirst()
                .orElseThrow(() -> QualityRefused.notFound("The sampling plan"));
        List<UnitForSampling> caseload = candidates.ofCentre(plan.platformId(), plan.frameworkId(), grant.unitCodes());
        Set<UUID> covered = new java.util.HashSet<>(caseload.stream().map(UnitForSampling::learnerUnitId).toList());
        List<Item> items = items(planId).stream().filter(i -> covered.contains(i.learnerUnitId())).toList();
        return new Sample(plan, caseload, items, caseload.stream().filter(u -> u.assessorSubject() == null).toList());
    }

    /** The sampling matrix of {@link #sampleForEqa}. */
    public SamplingMatrix matrixForEqa(EqaGrant grant, UUID planId) {
        Sample sample = sampleForEqa(grant, planId);
        return SamplingMatrix.of(candidates(sample), sample.sampledIds());
    }

    /** Every plan item of a learner unit in the centre (a unit can be in an interim and a summative sample). */
    public List<Item> itemsOf(UUID platformId, UUID learnerUnitId) {
        return jdbc.sql("""
                SELECT i.* FROM sample_item i JOIN sampling_plan p ON p.id = i.plan_id
                WHERE i.learner_unit_id = ? AND p.platform_id = ? ORDER BY i.changed_at""")
                .params(learnerUnitId, platformId).query(SamplingPlans::item).list();
    }

    /** The items still to verify in the centre's plans, oldest first. */
    public List<Item> toVerify(UUID platformId) {
        return jdbc.sql("""
                SELECT i.* FROM sample_item i JOIN sampling_plan p ON p.id = i.plan_id
                WHERE p.platform_id = ? AND i.status IN ('TO_VERIFY', 'NOT_AGREED') ORDER BY i.changed_at""")
                .param(platformId).query(SamplingPlans::item).list();
    }

    /** Marks where a learner unit stands in every open sample of the centre (called when an IQA decides). */
    void decided(UUID platformId, UUID learnerUnitId, Status status, String by) {
        jdbc.sql("""
                UPDATE sample_item SET status = ?, changed_by = ?, changed_at = ?
                WHERE learner_unit_id = ? AND status <> 'REMOVED'
                  AND plan_id IN (SELECT id FROM sampling_plan WHERE platform_id = ?)""")
                .params(status.name(), by, Timestamp.from(clock.instant()), learnerUnitId, platformId).update();
    }

    List<Item> items(UUID planId) {
        return jdbc.sql("SELECT * FROM sample_item WHERE plan_id = ? ORDER BY changed_at, learner_unit_id").param(planId)
                .query(SamplingPlans::item).list();
    }

    private int insert(UUID planId, UUID learnerUnitId, Origin origin, String reasons, IqaPeople.Iqa iqa) {
        return jdbc.sql("""
                INSERT INTO sample_item (plan_id, learner_unit_id, origin, reasons, status, changed_by, changed_at)
                VALUES (?, ?, ?, ?, 'TO_VERIFY', ?, ?) ON CONFLICT DO NOTHING""")
                .params(planId, learnerUnitId, origin.name(), truncate(reasons, 4000), iqa.name(),
                        Timestamp.from(clock.instant()))
                .update();
    }

    /** The candidates the engine sees: sampleable units (an assessor decided something), with their history. */
    private List<Candidate> candidates(Sample sample) {
        Plan plan = sample.plan();
        Map<UUID, Set<SamplingKind>> before = sample.caseload().isEmpty() ? Map.of() : sampledBefore(plan.platformId());
        Map<String, Integer> disagreements = disagreements(plan.platformId(),
                clock.instant().atOffset(ZoneOffset.UTC).minusMonths(plan.raisedForMonths()).toInstant());
        Map<String, Placements.Placement> placed = sample.caseload().isEmpty() ? Map.of()
                : placements.ofCentre(plan.platformId());
        Set<String> newAssessors = sample.caseload().isEmpty() ? Set.of() : newToAssessing(plan.platformId());
        List<Candidate> result = new ArrayList<>();
        for (UnitForSampling u : sample.caseload()) {
            if (u.assessorSubject() == null) {
                continue;
            }
            Candidate.Assessor assessor = new Candidate.Assessor(u.assessorSubject(), u.assessorName(), u.traineeAssessor(),
                    newAssessors.contains(u.assessorSubject()), disagreements.getOrDefault(u.assessorSubject(), 0));
            LocalDate started = u.started() == null ? null : LocalDate.ofInstant(u.started(), ZoneOffset.UTC);
            Placements.Placement where = placed.getOrDefault(u.learnerSubject(), Placements.Placement.NONE);
            result.add(new Candidate(u.learnerUnitId(), u.learnerSubject(), u.learnerName(), u.course().contextId(),
                    u.course().contextId(), u.unitCode(), assessor, u.methods(), where.employer(), where.site(), started,
                    u.signedOff() ? Candidate.Stage.SIGNED_OFF : Candidate.Stage.IN_PROGRESS,
                    before.getOrDefault(u.learnerUnitId(), Set.of())));
        }
        return result;
    }

    /**
     * The assessors of the centre who are new to assessing: their first decision is less than
     * {@value #NEW_ASSESSOR_MONTHS} months old, and the centre had been recording decisions in Attest for at least as
     * long before it (so a centre that has just started with Attest does not find every assessor "new").
     */
    public Set<String> newToAssessing(UUID platformId) {
        Map<String, Instant> first = assessors.firstDecisions(platformId);
        if (first.isEmpty()) {
            return Set.of();
        }
        Instant centreBegan = first.values().stream().min(Instant::compareTo).orElseThrow();
        Instant recently = clock.instant().atOffset(ZoneOffset.UTC).minusMonths(NEW_ASSESSOR_MONTHS).toInstant();
        Set<String> result = new java.util.HashSet<>();
        first.forEach((subject, at) -> {
            if (at.isAfter(recently) && !at.isBefore(centreBegan.atOffset(ZoneOffset.UTC).plusMonths(NEW_ASSESSOR_MONTHS)
                    .toInstant())) {
                result.add(subject);
            }
        });
        return result;
    }

    /** The kinds of sampling that already took each learner unit of the centre (taken-out items left out). */
    private Map<UUID, Set<SamplingKind>> sampledBefore(UUID platformId) {
        Map<UUID, Set<SamplingKind>> result = new HashMap<>();
        jdbc.sql("""
                SELECT i.learner_unit_id, p.stage FROM sample_item i JOIN sampling_plan p ON p.id = i.plan_id
                WHERE p.platform_id = ? AND i.status <> 'REMOVED'""")
                .param(platformId)
                .query(rs -> {
                    result.computeIfAbsent(rs.getObject("learner_unit_id", UUID.class), k -> EnumSet.noneOf(SamplingKind.class))
                            .add(SamplingKind.valueOf(rs.getString("stage")));
                });
        return result;
    }

    private Map<String, Integer> disagreements(UUID platformId, Instant since) {
        Map<String, Integer> result = new HashMap<>();
        jdbc.sql("""
                SELECT assessor_subject, COUNT(*) AS n FROM iqa_review
                WHERE platform_id = ? AND outcome = 'NOT_AGREE' AND reviewed_at >= ? AND assessor_subject IS NOT NULL
                GROUP BY assessor_subject""")
                .params(platformId, Timestamp.from(since))
                .query(rs -> {
                    result.put(rs.getString("assessor_subject"), rs.getInt("n"));
                });
        return result;
    }

    private static String reason(String reason, String what) {
        String r = reason == null ? "" : reason.strip();
        if (r.isEmpty()) {
            throw QualityRefused.invalid("say why you are " + what + ": the reason stays on the plan's record");
        }
        if (r.length() > MAX_REASON) {
            throw QualityRefused.invalid("the reason is " + r.length() + " characters long; write at most " + MAX_REASON);
        }
        return r;
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    private static Plan plan(ResultSet rs, int n) throws SQLException {
        UUID platform = rs.getObject("platform_id", UUID.class);
        String context = rs.getString("context_id");
        return new Plan(rs.getObject("id", UUID.class), platform, rs.getObject("framework_id", UUID.class),
                context == null ? null : new Course(platform, rs.getString("deployment_id"), context), rs.getString("title"), SamplingKind.valueOf(rs.getString("stage")),
                rs.getInt("base_rate"), rs.getInt("raised_rate"), rs.getInt("raised_for_months"), rs.getLong("seed"),
                rs.getString("created_by"), rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("closed_at") == null ? null : rs.getTimestamp("closed_at").toInstant(),
                rs.getString("closed_by"), rs.getString("close_note"));
    }

    private static Item item(ResultSet rs, int n) throws SQLException {
        return new Item(rs.getObject("plan_id", UUID.class), rs.getObject("learner_unit_id", UUID.class),
                Origin.valueOf(rs.getString("origin")), rs.getString("reasons"), Status.valueOf(rs.getString("status")),
                rs.getString("changed_by"), rs.getTimestamp("changed_at").toInstant());
    }
}
