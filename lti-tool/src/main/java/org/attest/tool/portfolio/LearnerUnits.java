package org.attest.tool.portfolio;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.attest.tool.lti.AttestRole;
import org.attest.tool.lti.LtiPrincipal;
import org.attest.tool.standards.FrameworkCatalog;
import org.attest.tool.standards.FrameworkCatalog.PlaceableUnit;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Learners' units: opening a learner's portfolio for the unit of an activity, who may see which
 * portfolio, the caseload of a course, and the completion verdict kept up to date after every change.
 */
@Service
public class LearnerUnits {

    private final JdbcClient jdbc;
    private final PortfolioReads reads;
    private final FrameworkCatalog catalog;
    private final UnitBindings bindings;
    private final Clock clock;

    LearnerUnits(JdbcClient jdbc, PortfolioReads reads, FrameworkCatalog catalog, UnitBindings bindings, Clock clock) {
        this.jdbc = jdbc;
        this.reads = reads;
        this.catalog = catalog;
        this.bindings = bindings;
        this.clock = clock;
    }

    /** The launching learner's portfolio for the activity's unit, started on their first launch. */
    @Transactional
    public LearnerUnit openForLearner(LtiPrincipal learner, UnitBinding binding) {
        if (!learner.has(AttestRole.LEARNER)) {
            throw PortfolioRefused.forbidden("only learners have a portfolio in a course");
        }
        Course course = Course.of(learner);
        if (!course.equals(binding.course())) {
            throw PortfolioRefused.notFound("the unit of this activity");
        }
        Optional<LearnerUnit> existing = find(course, learner.subject(), binding.frameworkId(), binding.unitCode());
        if (existing.isPresent()) {
            jdbc.sql("UPDATE learner_unit SET learner_name = ? WHERE id = ? AND learner_name <> ?")
                    .params(learner.displayName(), existing.get().id(), learner.displayName()).update();
            return existing.get();
        }
        return open(course, learner.subject(), learner.displayName(), binding.frameworkId(), binding.unitCode());
    }

    /**
     * A learner's portfolio for a unit, started when there is none, for a learner who is not
     * launching (a grade read from the LMS gradebook). Their name is the one they have in another
     * unit of the course, else {@code "user <id>"} until they launch.
     */
    LearnerUnit openFor(Course course, String learnerSubject, String learnerName, UUID frameworkId, String unitCode) {
        Optional<LearnerUnit> existing = find(course, learnerSubject, frameworkId, unitCode);
        if (existing.isPresent()) {
            return existing.get();
        }
        String name = learnerName != null && !learnerName.isBlank() ? learnerName : jdbc.sql("""
                SELECT learner_name FROM learner_unit WHERE platform_id = ? AND deployment_id = ? AND context_id = ?
                  AND learner_subject = ? ORDER BY last_activity_at DESC LIMIT 1""")
                .params(course.platformId(), course.deploymentId(), course.contextId(), learnerSubject)
                .query(String.class).optional().orElse("user " + learnerSubject);
        return open(course, learnerSubject, name, frameworkId, unitCode);
    }

    private LearnerUnit open(Course course, String learnerSubject, String learnerName, UUID frameworkId, String unitCode) {
        PlaceableUnit unit = catalog.unit(frameworkId.toString(), unitCode)
                .orElseThrow(() -> PortfolioRefused.invalid("Unit " + unitCode
                        + " is no longer in Attest's frameworks; ask your centre administrator"));
        CompletionReport empty = Completion.evaluate(unit.unit(), PortfolioSnapshot.EMPTY);
        UUID id = UUID.randomUUID();
        Timestamp now = Timestamp.from(clock.instant());
        try {
            jdbc.sql("""
                    INSERT INTO learner_unit (id, platform_id, deployment_id, context_id, learner_subject, learner_name,
                        framework_id, unit_code, version_id, criteria_met, criteria_total, ready_for_sign_off, complete,
                        awaiting_review, last_activity_at, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, FALSE, FALSE, 0, ?, ?)""")
                    .params(id, course.platformId(), course.deploymentId(), course.contextId(), learnerSubject,
                            learnerName, frameworkId, unitCode, unit.versionId(), empty.criteriaTotal(), now, now)
                    .update();
        } catch (DuplicateKeyException raced) {
            return find(course, learnerSubject, frameworkId, unitCode).orElseThrow();
        }
        return reads.learnerUnit(id).orElseThrow();
    }

    /**
     * A learner's unit the user may see: their own as a learner, any in their course as an assessor.
     * Anything else is "not found", so identifiers reveal nothing.
     */
    public LearnerUnit visible(LtiPrincipal user, UUID learnerUnitId) {
        LearnerUnit unit = reads.learnerUnit(learnerUnitId).orElseThrow(() -> PortfolioRefused.notFound("that portfolio"));
        if (!maySee(user, unit)) {
            throw PortfolioRefused.notFound("that portfolio");
        }
        return unit;
    }

    static boolean mayAssess(LtiPrincipal user, LearnerUnit unit) {
        return user.has(AttestRole.ASSESSOR) && sameCourse(user, unit.course());
    }

    static boolean maySee(LtiPrincipal user, LearnerUnit unit) {
        if (!sameCourse(user, unit.course())) {
            return false;
        }
        return user.has(AttestRole.ASSESSOR) || (user.has(AttestRole.LEARNER) && user.subject().equals(unit.learnerSubject()));
    }

    static boolean sameCourse(LtiPrincipal user, Course course) {
        return user.platformId() != null && user.platformId().equals(course.platformId())
                && course.deploymentId().equals(user.deploymentId()) && course.contextId().equals(user.contextId());
    }

    /** The learners of a course and their progress, for an assessor of that course; one unit, or all when null. */
    public List<LearnerUnit> caseload(LtiPrincipal assessor, String unitCode) {
        if (!assessor.has(AttestRole.ASSESSOR)) {
            throw PortfolioRefused.forbidden("the caseload is for assessors");
        }
        Course course = Course.of(assessor);
        return jdbc.sql("""
                SELECT * FROM learner_unit WHERE platform_id = ? AND deployment_id = ? AND context_id = ?
                  AND (CAST(? AS VARCHAR(64)) IS NULL OR unit_code = ?)
                ORDER BY learner_name, learner_subject, unit_code""")
                .params(course.platformId(), course.deploymentId(), course.contextId(), unitCode, unitCode)
                .query(PortfolioReads::learnerUnit).list();
    }

    /** The learner's own units in the course of the launch (their qualification plan). */
    public List<LearnerUnit> ownUnits(LtiPrincipal learner) {
        Course course = Course.of(learner);
        return jdbc.sql("""
                SELECT * FROM learner_unit WHERE platform_id = ? AND deployment_id = ? AND context_id = ?
                  AND learner_subject = ? ORDER BY unit_code""")
                .params(course.platformId(), course.deploymentId(), course.contextId(), learner.subject())
                .query(PortfolioReads::learnerUnit).list();
    }

    /** Everything the pages show about a learner's unit; the caller has checked visibility. */
    public PortfolioView view(LearnerUnit unit) {
        PlaceableUnit placed = placed(unit);
        List<Evidence> evidence = reads.currentEvidence(unit.id());
        List<AssessmentDecision> decisions = reads.currentDecisions(unit.id());
        List<UnitSignature> signatures = reads.signatures(unit.id());
        CompletionReport report = Completion.evaluate(placed.unit(), snapshot(evidence, decisions, signatures));
        return new PortfolioView(unit, placed.framework(), placed.unit(), report, evidence, decisions, signatures);
    }

    PlaceableUnit placed(LearnerUnit unit) {
        return catalog.unit(unit.versionId(), unit.unitCode())
                .orElseThrow(() -> new IllegalStateException("framework version " + unit.versionId() + " of unit "
                        + unit.unitCode() + " is missing from the catalogue"));
    }

    /** Recomputes the completion verdict kept on the row; call after every change, in its transaction. */
    UnitProgress refresh(UUID learnerUnitId) {
        LearnerUnit unit = reads.learnerUnit(learnerUnitId).orElseThrow();
        PortfolioView view = view(unit);
        CompletionReport report = view.report();
        int awaiting = (int) view.evidence().stream().flatMap(e -> e.mappings().stream())
                .filter(m -> m.status() == MappingStatus.CLAIMED).count();
        // The caseload's course-wide counts: what Assessment.markingQueue and countersignQueue would list for this unit.
        int toMark = (int) view.evidence().stream()
                .filter(e -> e.status() == Evidence.Status.SUBMITTED || e.hasClaims()).count();
        int toCountersign = (int) view.decisions().stream().filter(AssessmentDecision::awaitingCountersignature).count()
                + (signOffAwaitsCountersignature(view.signatures()) ? 1 : 0);
        // What the marking queue looks for, kept on each piece of evidence (old versions are never to mark).
        jdbc.sql("""
                UPDATE evidence SET
                    pending_claims = (SELECT COUNT(*) FROM evidence_mapping m
                                      WHERE m.evidence_id = evidence.id AND m.status = 'CLAIMED'),
                    to_mark = (is_current = TRUE AND (status = 'SUBMITTED' OR EXISTS (
                        SELECT 1 FROM evidence_mapping m WHERE m.evidence_id = evidence.id AND m.status = 'CLAIMED')))
                WHERE learner_unit_id = ?""")
                .param(learnerUnitId).update();
        jdbc.sql("""
                UPDATE learner_unit SET criteria_met = ?, criteria_total = ?, ready_for_sign_off = ?, complete = ?,
                    awaiting_review = ?, evidence_to_mark = ?, awaiting_countersignature = ?, last_activity_at = ?
                WHERE id = ?""")
                .params(report.criteriaMet(), report.criteriaTotal(), report.readyForSignOff(), report.complete(),
                        awaiting, toMark, toCountersign, Timestamp.from(clock.instant()), learnerUnitId)
                .update();
        List<String> columns = bindings.inCourse(unit.course()).stream()
                .filter(b -> b.frameworkId().equals(unit.frameworkId()) && b.unitCode().equals(unit.unitCode()))
                .map(UnitBinding::resourceLinkId)
                .toList();
        return new UnitProgress(unit.id(), unit.course(), unit.learnerSubject(), unit.frameworkId(), unit.unitCode(),
                report.criteriaMet(), report.criteriaTotal(), awaiting, report.complete(), columns);
    }

    private static boolean signOffAwaitsCountersignature(List<UnitSignature> signatures) {
        return signatures.stream().anyMatch(s -> s.kind() == UnitSignature.Kind.SIGN_OFF && s.needsCountersignature())
                && signatures.stream().noneMatch(s -> s.kind() == UnitSignature.Kind.SIGN_OFF_COUNTERSIGNATURE);
    }

    static PortfolioSnapshot snapshot(List<Evidence> evidence, List<AssessmentDecision> decisions,
            List<UnitSignature> signatures) {
        List<PortfolioSnapshot.EvidenceFacts> facts = evidence.stream()
                .map(e -> new PortfolioSnapshot.EvidenceFacts(e.id(), e.title(), e.occasionDate(), e.customerReference(),
                        e.simulated(), e.methods(), e.mappings().stream()
                                .collect(Collectors.toMap(Evidence.Mapping::itemId, Evidence.Mapping::status, (a, b) -> a))))
                .toList();
        List<PortfolioSnapshot.DecisionFacts> decided = decisions.stream()
                .map(d -> new PortfolioSnapshot.DecisionFacts(d.criterionId(), d.outcome(), d.countersignatureNeeded(),
                        d.countersignedAt() != null, d.needsReview(), d.evidenceReliedOn()))
                .toList();
        Map<UnitSignature.Kind, UnitSignature> byKind = signatures.stream()
                .collect(Collectors.toMap(UnitSignature::kind, s -> s, (a, b) -> b));
        UnitSignature signOff = byKind.get(UnitSignature.Kind.SIGN_OFF);
        PortfolioSnapshot.Signatures signed = new PortfolioSnapshot.Signatures(
                byKind.containsKey(UnitSignature.Kind.DECLARATION), signOff != null,
                signOff != null && signOff.needsCountersignature(),
                byKind.containsKey(UnitSignature.Kind.SIGN_OFF_COUNTERSIGNATURE));
        return new PortfolioSnapshot(facts, decided, signed);
    }

    Optional<LearnerUnit> find(Course course, String subject, UUID frameworkId, String unitCode) {
        return jdbc.sql("""
                SELECT * FROM learner_unit WHERE platform_id = ? AND deployment_id = ? AND context_id = ?
                  AND learner_subject = ? AND framework_id = ? AND unit_code = ?""")
                .params(course.platformId(), course.deploymentId(), course.contextId(), subject, frameworkId, unitCode)
                .query(PortfolioReads::learnerUnit).optional();
    }

    LearnerUnit find(UUID id) {
        return reads.learnerUnit(id).orElseThrow();
    }

    /** Learners' units on a framework, for moving them to a new version. */
    List<UUID> onFramework(UUID frameworkId) {
        return jdbc.sql("SELECT id FROM learner_unit WHERE framework_id = ? ORDER BY id").param(frameworkId)
                .query(UUID.class).list();
    }
}
