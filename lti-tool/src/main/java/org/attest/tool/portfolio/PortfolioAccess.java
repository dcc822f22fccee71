package org.attest.tool.portfolio;

import org.attest.tool.lti.AttestRole;
import org.attest.tool.lti.LtiPrincipal;

/**
 * Who may do what with a learner's portfolio, for pages and services alike. A learner sees and changes
 * only their own; an assessor sees and assesses every portfolio of their course; a verifier ({@link Verifiers}) reads
 * the portfolios they verify and changes nothing. Anything else is "not found", so identifiers reveal nothing.
 */
public final class PortfolioAccess {

    private PortfolioAccess() {
    }

    /** The user launched from the course the portfolio belongs to (same platform, deployment and context). */
    public static boolean sameCourse(LtiPrincipal user, Course course) {
        return user.platformId() != null && user.platformId().equals(course.platformId())
                && course.deploymentId().equals(user.deploymentId()) && course.contextId().equals(user.contextId());
    }

    public static boolean maySee(LtiPrincipal user, LearnerUnit unit) {
        return sameCourse(user, unit.course()) && (user.has(AttestRole.ASSESSOR) || owns(user, unit));
    }

    /**
     * {@link #maySee}, or the user verifies the unit, or the user is the centre administrator (or the operator) whose
     * course export holds the unit, while that export runs ({@link AdministratorExports}). Only reads go through here:
     * every change checks {@link #owns} or {@link #mayAssess}, which neither reading grants.
     */
    public static boolean mayRead(LtiPrincipal user, LearnerUnit unit, Verifiers verifiers) {
        return maySee(user, unit) || verifiers.mayVerify(user, unit) || AdministratorExports.covers(user, unit);
    }

    /** {@link #requireVisible}, letting a verifier of the unit read it too. */
    public static LearnerUnit requireReadable(LtiPrincipal user, LearnerUnit unit, Verifiers verifiers) {
        if (!mayRead(user, unit, verifiers)) {
            throw PortfolioRefused.notFound("that portfolio");
        }
        return unit;
    }

    public static boolean mayAssess(LtiPrincipal user, LearnerUnit unit) {
        return user.has(AttestRole.ASSESSOR) && sameCourse(user, unit.course());
    }

    /** The user is the learner whose portfolio it is, launching as a learner in its course. */
    public static boolean owns(LtiPrincipal user, LearnerUnit unit) {
        return user.has(AttestRole.LEARNER) && user.subject().equals(unit.learnerSubject()) && sameCourse(user, unit.course());
    }

    public static LearnerUnit requireVisible(LtiPrincipal user, LearnerUnit unit) {
        if (!maySee(user, unit)) {
            throw PortfolioRefused.notFound("that portfolio");
        }
        return unit;
    }

    /** Forms that change a portfolio are the learner's own; to anyone else the portfolio is not there. */
    public static LearnerUnit requireOwn(LtiPrincipal user, LearnerUnit unit) {
        if (!owns(user, unit)) {
            throw PortfolioRefused.notFound("that portfolio");
        }
        return unit;
    }

    public static LearnerUnit requireAssessable(LtiPrincipal user, LearnerUnit unit) {
        if (!mayAssess(user, unit)) {
            throw PortfolioRefused.notFound("that portfolio");
        }
        return unit;
    }

    /** Course-wide assessor pages (caseload, queues): refused with the reason, since they name no one's portfolio. */
    public static void requireAssessor(LtiPrincipal user, String refusal) {
        if (!user.has(AttestRole.ASSESSOR)) {
            throw PortfolioRefused.forbidden(refusal);
        }
    }

    /** Only learners have a portfolio of their own in a course. */
    public static void requireLearner(LtiPrincipal user, String refusal) {
        if (!user.has(AttestRole.LEARNER)) {
            throw PortfolioRefused.forbidden(refusal);
        }
    }

    /** Tutors (assessors) and centre administrators choose which unit an LMS activity is for. */
    public static void requireTutor(LtiPrincipal user, String refusal) {
        if (!user.has(AttestRole.ASSESSOR) && !user.has(AttestRole.CENTRE_ADMIN)) {
            throw PortfolioRefused.forbidden(refusal);
        }
    }
}
