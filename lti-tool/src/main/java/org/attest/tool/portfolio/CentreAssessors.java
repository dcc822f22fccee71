package org.attest.tool.portfolio;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.attest.tool.portfolio.internal.Assessors;
import org.attest.tool.portfolio.internal.DecisionStore;
import org.springframework.stereotype.Service;

/**
 * The tutors and assessors a centre (platform) has: everyone who launched Attest there with a tutor's role, with
 * whether they are qualified assessors. Other modules read it to find staff (the quality module names its internal
 * quality assurers among them) without reading the portfolio's tables.
 */
@Service
public class CentreAssessors {

    /** One member of a centre's staff as Attest knows them. */
    public record Person(UUID platformId, String subject, String name, boolean qualifiedAssessor) {
    }

    private final Assessors assessors;
    private final DecisionStore decisions;

    CentreAssessors(Assessors assessors, DecisionStore decisions) {
        this.assessors = assessors;
        this.decisions = decisions;
    }

    /**
     * When each assessor of the centre made their first assessment decision in Attest, by LMS user id: how new to
     * assessing they are (grades read back from the LMS gradebook do not count).
     */
    public java.util.Map<String, java.time.Instant> firstDecisions(UUID platformId) {
        return decisions.firstDecisions(platformId);
    }

    /** Everyone who launched as a tutor on this platform, by name. */
    public List<Person> of(UUID platformId) {
        return assessors.onPlatform(platformId).stream().map(CentreAssessors::person).toList();
    }

    /** One of them; empty for someone who never launched as a tutor there. */
    public Optional<Person> find(UUID platformId, String subject) {
        return assessors.status(platformId, subject).map(CentreAssessors::person);
    }

    private static Person person(Assessors.AssessorStatus s) {
        return new Person(s.platformId(), s.subject(), s.name() == null ? s.subject() : s.name(), s.qualified());
    }
}
