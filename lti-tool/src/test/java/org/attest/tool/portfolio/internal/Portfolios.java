package org.attest.tool.portfolio.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.attest.standards.AssessmentMethod;
import org.attest.standards.Criterion;
import org.attest.standards.Unit;
import org.attest.tool.lti.AttestRole;
import org.attest.tool.lti.LtiPrincipal;
import org.attest.tool.portfolio.AssessmentDecision;
import org.attest.tool.portfolio.Course;
import org.attest.tool.portfolio.LearnerUnit;

/**
 * A learner's portfolio for the aggregate's tests, in assessors' words: an RQF unit with criteria 1.1, 1.2 and 2.1,
 * evidence by title, decisions by criterion code, and the people of one course.
 */
final class Portfolios {

    static final Instant NOW = Instant.parse("2026-03-04T09:15:00Z");
    static final Course COURSE = new Course(UUID.randomUUID(), "1", "course-7");
    static final LtiPrincipal LEARNER = person("learner-1", "Lee Learner", AttestRole.LEARNER, COURSE);
    static final LtiPrincipal ASSESSOR = person("assessor-1", "Ann Assessor", AttestRole.ASSESSOR, COURSE);
    static final LtiPrincipal QUALIFIED = person("assessor-2", "Quinn Qualified", AttestRole.ASSESSOR, COURSE);

    final Unit unit = TestUnits.rqfUnit();
    final LearnerUnit learnerUnit = new LearnerUnit(UUID.randomUUID(), COURSE, LEARNER.subject(), LEARNER.name(),
            UUID.randomUUID(), "R101", UUID.randomUUID(), 0, 3, false, false, 0, NOW);
    private final List<Evidence> evidence = new ArrayList<>();
    private final List<AssessmentDecision> decisions = new ArrayList<>();
    private final List<UnitSignature> signatures = new ArrayList<>();

    static LtiPrincipal person(String subject, String name, AttestRole role, Course course) {
        return new LtiPrincipal(course.platformId(), "https://lms.example.ac.uk", "client-1", course.deploymentId(),
                LtiPrincipal.RESOURCE_LINK_REQUEST, subject, name, null, List.of(), Set.of(role), course.contextId(), "LAB",
                "Lab course", "link-1", "Unit R101", Map.of(), null, null, null, null, "en", NOW);
    }

    Criterion criterion(String code) {
        return unit.criteria().filter(c -> c.code().equals(code)).findFirst().orElseThrow();
    }

    /** Evidence mapped to the criteria given, each with the status given (code, status, code, status, ...). */
    Evidence evidence(String title, Evidence.Status status, Object... mappings) {
        List<Evidence.Mapping> mapped = new ArrayList<>();
        for (int i = 0; i < mappings.length; i += 2) {
            Criterion c = criterion((String) mappings[i]);
            mapped.add(new Evidence.Mapping(c.id(), Evidence.ItemKind.CRITERION, c.code(), (MappingStatus) mappings[i + 1],
                    null, null));
        }
        UUID id = UUID.randomUUID();
        Evidence e = new Evidence(id, learnerUnit.id(), id, 1, true, status, title, "what happened", LocalDate.of(2026, 3, 2),
                Set.of(AssessmentMethod.PORTFOLIO_EVIDENCE), "Customer 14", null, false, null, null, LEARNER.subject(), NOW,
                NOW, List.of(), mapped, null);
        evidence.add(e);
        return e;
    }

    AssessmentDecision decision(String code, Outcome outcome, String assessor, boolean countersignatureNeeded,
            Evidence... reliedOn) {
        AssessmentDecision d = new AssessmentDecision(UUID.randomUUID(), learnerUnit.id(), criterion(code).id(), code, outcome,
                null, Arrays.stream(reliedOn).map(Evidence::id).collect(java.util.stream.Collectors.toSet()),
                AssessmentDecision.Source.ASSESSOR, assessor, assessor, countersignatureNeeded, null, null, false, NOW);
        decisions.add(d);
        return d;
    }

    Portfolios signed(UnitSignature.Kind kind, LtiPrincipal by, boolean needsCountersignature) {
        signatures.add(new UnitSignature(UUID.randomUUID(), learnerUnit.id(), kind, by.subject(), by.displayName(),
                by.name(), "statement", needsCountersignature, NOW));
        return this;
    }

    /** Every criterion met on one piece of confirmed evidence: ready for sign-off once the learner declares. */
    Portfolios allMet() {
        Evidence e = evidence("Handled a complaint", Evidence.Status.ASSESSED, "1.1", MappingStatus.CONFIRMED, "1.2",
                MappingStatus.CONFIRMED, "2.1", MappingStatus.CONFIRMED);
        unit.criteria().forEach(c -> decision(c.code(), Outcome.MET, ASSESSOR.subject(), false, e));
        return this;
    }

    LearnerPortfolio portfolio() {
        return portfolio(learnerUnit);
    }

    /** This portfolio's records on the learner unit row given (as it stands after a change to the row). */
    LearnerPortfolio portfolio(LearnerUnit row) {
        return new LearnerPortfolio(row, null, unit, evidence, decisions, signatures);
    }
}
