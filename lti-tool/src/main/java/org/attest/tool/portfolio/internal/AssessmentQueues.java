package org.attest.tool.portfolio.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.attest.tool.lti.LtiPrincipal;
import org.attest.tool.portfolio.Course;
import org.attest.tool.portfolio.LearnerUnit;
import org.attest.tool.portfolio.PortfolioAccess;
import org.springframework.stereotype.Service;

/**
 * An assessor's course-wide work lists: evidence to mark, and decisions and sign-offs of unqualified
 * assessors waiting for a qualified countersignature. Read from the counts each learner unit keeps, so
 * only units with work are searched.
 */
@Service
public class AssessmentQueues {

    /** The most a queue page lists at once, oldest first; the caseload shows the full counts. */
    public static final int QUEUE_PAGE = 200;

    /** Evidence waiting for an assessor: claims nobody has confirmed or rejected yet. */
    public record QueuedEvidence(UUID evidenceId, String title, LocalDate occasionDate, Instant submittedAt,
            UUID learnerUnitId, String learnerName, String unitCode, int claims) {
    }

    /** A decision or sign-off of an unqualified assessor waiting for a qualified countersignature. */
    public record PendingCountersignature(UUID id, Kind kind, UUID learnerUnitId, String learnerName, String unitCode,
            String criterionCode, Outcome outcome, String feedback, String assessorName, Instant at) {

        public enum Kind {
            DECISION,
            SIGN_OFF
        }
    }

    /** How long the course's two queues are: evidence to mark, and decisions and sign-offs awaiting countersignature. */
    public record QueueSizes(long toMark, long toCountersign) {
    }

    private final LearnerUnitStore learnerUnits;
    private final EvidenceStore evidence;
    private final DecisionStore decisions;
    private final SignatureStore signatures;

    AssessmentQueues(LearnerUnitStore learnerUnits, EvidenceStore evidence, DecisionStore decisions,
            SignatureStore signatures) {
        this.learnerUnits = learnerUnits;
        this.evidence = evidence;
        this.decisions = decisions;
        this.signatures = signatures;
    }

    /**
     * The sizes of {@link #markingQueue} and {@link #countersignQueue} for the assessor's course, from
     * the counts each learner unit keeps (one indexed query), for pages that show the numbers only.
     */
    public QueueSizes queueSizes(LtiPrincipal assessor) {
        PortfolioAccess.requireAssessor(assessor, "this page is for assessors");
        return learnerUnits.queueSizes(Course.of(assessor));
    }

    /**
     * Evidence in the assessor's course with claims waiting for review, oldest first, at most
     * {@link #QUEUE_PAGE}. Only learner units whose kept count says they have work are searched.
     */
    public List<QueuedEvidence> markingQueue(LtiPrincipal assessor) {
        PortfolioAccess.requireAssessor(assessor, "this page is for assessors");
        return evidence.toMark(Course.of(assessor), QUEUE_PAGE);
    }

    /** Learner units of the assessor's course an internal verifier did not agree with and still holds. */
    public List<LearnerUnit> heldByVerifier(LtiPrincipal assessor) {
        PortfolioAccess.requireAssessor(assessor, "this page is for assessors");
        return learnerUnits.heldInCourse(Course.of(assessor));
    }

    /** Decisions and sign-offs in the course waiting for a qualified countersignature. */
    public List<PendingCountersignature> countersignQueue(LtiPrincipal assessor) {
        PortfolioAccess.requireAssessor(assessor, "this page is for assessors");
        Course course = Course.of(assessor);
        List<PendingCountersignature> pending = new ArrayList<>(decisions.awaitingCountersignature(course, QUEUE_PAGE));
        pending.addAll(signatures.signOffsAwaitingCountersignature(course));
        return pending;
    }
}
