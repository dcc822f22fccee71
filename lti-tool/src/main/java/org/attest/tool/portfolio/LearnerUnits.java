package org.attest.tool.portfolio;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.attest.tool.lti.LtiPrincipal;
import org.attest.tool.portfolio.internal.Completion;
import org.attest.tool.portfolio.internal.CompletionReport;
import org.attest.tool.portfolio.internal.LearnerPortfolios;
import org.attest.tool.portfolio.internal.LearnerUnitStore;
import org.attest.tool.portfolio.internal.PortfolioChanges;
import org.attest.tool.portfolio.internal.PortfolioSnapshot;
import org.attest.tool.portfolio.internal.PortfolioView;
import org.attest.tool.standards.FrameworkCatalog.PlaceableUnit;
import org.attest.tool.standards.FrameworkCatalog;
import org.springframework.stereotype.Service;

/**
 * Learners' units: opening a learner's portfolio for the unit of an activity, reading the portfolios a
 * user may see, and the caseload of a course.
 */
@Service
public class LearnerUnits {

    private final LearnerUnitStore store;
    private final LearnerPortfolios portfolios;
    private final PortfolioChanges changes;
    private final FrameworkCatalog catalog;
    private final Clock clock;

    LearnerUnits(LearnerUnitStore store, LearnerPortfolios portfolios, PortfolioChanges changes, FrameworkCatalog catalog,
            Clock clock) {
        this.store = store;
        this.portfolios = portfolios;
        this.changes = changes;
        this.catalog = catalog;
        this.clock = clock;
    }

    /** The launching learner's portfolio for the activity's unit, started on their first launch. */
    public LearnerUnit openForLearner(LtiPrincipal learner, UnitBinding binding) {
        PortfolioAccess.requireLearner(learner, "only learners have a portfolio in a course");
        Course course = Course.of(learner);
        if (!course.equals(binding.course())) {
            throw PortfolioRefused.notFound("the unit of this activity");
        }
        return changes.inTransaction(() -> {
            Optional<LearnerUnit> existing = find(course, learner.subject(), binding.frameworkId(), binding.unitCode());
            if (existing.isPresent()) {
                store.rename(existing.get().id(), learner.displayName());
                return existing.get();
            }
            return open(course, learner.subject(), learner.displayName(), binding.frameworkId(), binding.unitCode());
        });
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
        String name = learnerName != null && !learnerName.isBlank() ? learnerName
                : store.latestName(course, learnerSubject).orElse("user " + learnerSubject);
        return open(course, learnerSubject, name, frameworkId, unitCode);
    }

    private LearnerUnit open(Course course, String learnerSubject, String learnerName, UUID frameworkId, String unitCode) {
        PlaceableUnit unit = catalog.unit(frameworkId.toString(), unitCode)
                .orElseThrow(() -> PortfolioRefused.invalid("Unit " + unitCode
                        + " is no longer in Attest's frameworks; ask your centre administrator"));
        CompletionReport empty = Completion.evaluate(unit.unit(), PortfolioSnapshot.EMPTY);
        UUID id = UUID.randomUUID();
        if (!store.insert(id, course, learnerSubject, learnerName, frameworkId, unitCode, unit.versionId(),
                empty.criteriaTotal(), clock.instant())) {
            return find(course, learnerSubject, frameworkId, unitCode).orElseThrow();
        }
        return store.byId(id).orElseThrow();
    }

    /**
     * A learner's unit the user may see: their own as a learner, any in their course as an assessor.
     * Anything else is "not found", so identifiers reveal nothing.
     */
    public LearnerUnit visible(LtiPrincipal user, UUID learnerUnitId) {
        LearnerUnit unit = store.byId(learnerUnitId).orElseThrow(() -> PortfolioRefused.notFound("that portfolio"));
        return PortfolioAccess.requireVisible(user, unit);
    }

    /** The learners of a course and their progress, for an assessor of that course; one unit, or all when null. */
    public List<LearnerUnit> caseload(LtiPrincipal assessor, String unitCode) {
        PortfolioAccess.requireAssessor(assessor, "the caseload is for assessors");
        return store.inCourse(Course.of(assessor), unitCode);
    }

    /** The learner's own units in the course of the launch (their qualification plan). */
    public List<LearnerUnit> ownUnits(LtiPrincipal learner) {
        return store.ofLearner(Course.of(learner), learner.subject());
    }

    /** Everything the pages show about a learner's unit; the caller has checked visibility. */
    public PortfolioView view(LearnerUnit unit) {
        return portfolios.of(unit).view();
    }

    PlaceableUnit placed(LearnerUnit unit) {
        return portfolios.placed(unit);
    }

    Optional<LearnerUnit> find(Course course, String subject, UUID frameworkId, String unitCode) {
        return store.find(course, subject, frameworkId, unitCode);
    }
}
