package org.attest.tool.portfolio;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Cache;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.attest.tool.lti.AttestRole;
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
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.util.function.SingletonSupplier;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Learners' units: opening a learner's portfolio for the unit of an activity, reading the portfolios a
 * user may see, and the caseload of a course.
 */
@Service
public class LearnerUnits {

    /** How long this replica trusts that a learner unit it opened still carries the name it stored. */
    static final Duration KNOWN_FOR = Duration.ofMinutes(1);
    private static final int KEPT_AT_MOST = 10_000;

    private record Opened(Course course, String subject, UUID frameworkId, String unitCode) {
    }

    private record Known(UUID id, String name) {
    }

    private final Cache<Opened, Known> opened = Caffeine.newBuilder().maximumSize(KEPT_AT_MOST).expireAfterWrite(KNOWN_FOR).build();
    private final LearnerUnitStore store;
    private final LearnerPortfolios portfolios;
    private final PortfolioChanges changes;
    private final FrameworkCatalog catalog;
    private final Clock clock;
    /** Who answers {@link Verifiers}, resolved once: the module that does, else no one verifies. */
    private final SingletonSupplier<Verifiers> verifiers;

    LearnerUnits(LearnerUnitStore store, LearnerPortfolios portfolios, PortfolioChanges changes, FrameworkCatalog catalog,
            Clock clock, ObjectProvider<Verifiers> verifiers) {
        this.verifiers = SingletonSupplier.of(() -> verifiers.getIfUnique(() -> Verifiers.NONE));
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
                if (!existing.get().learnerName().equals(learner.displayName())) {
                    store.rename(existing.get().id(), learner.displayName());
                }
                return existing.get();
            }
            return open(course, learner.subject(), learner.displayName(), binding.frameworkId(), binding.unitCode());
        });
    }

    /**
     * The id of {@link #openForLearner}'s portfolio. A learner unit is never removed, so a launch by a learner whose unit
     * this replica opened within {@link #KNOWN_FOR}, under the same name, costs no statement.
     */
    public UUID openIdForLearner(LtiPrincipal learner, UnitBinding binding) {
        PortfolioAccess.requireLearner(learner, "only learners have a portfolio in a course");
        Opened key = new Opened(Course.of(learner), learner.subject(), binding.frameworkId(), binding.unitCode());
        Known known = opened.getIfPresent(key);
        if (known != null && key.course().equals(binding.course()) && known.name().equals(learner.displayName())) {
            return known.id();
        }
        LearnerUnit unit = openForLearner(learner, binding);
        if (!TransactionSynchronizationManager.isActualTransactionActive()) { // committed: safe to remember
            opened.put(key, new Known(unit.id(), learner.displayName()));
        }
        return unit.id();
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
     * A learner's unit the user may see: their own as a learner, any in their course as an assessor, any they verify
     * as a verifier (to read only). Anything else is "not found", so identifiers reveal nothing.
     */
    public LearnerUnit visible(LtiPrincipal user, UUID learnerUnitId) {
        LearnerUnit unit = store.byId(learnerUnitId).orElseThrow(() -> PortfolioRefused.notFound("that portfolio"));
        return PortfolioAccess.requireReadable(user, unit, verifiers());
    }

    /** The units of the same learner in the same course as a unit the user may see, those the user may see, in order. */
    List<LearnerUnit> sameLearnersVisible(LtiPrincipal user, UUID learnerUnitId) {
        LearnerUnit unit = visible(user, learnerUnitId);
        Verifiers verifiers = verifiers();
        return store.ofLearner(unit.course(), unit.learnerSubject()).stream()
                .filter(u -> PortfolioAccess.mayRead(user, u, verifiers)).toList();
    }

    Verifiers verifiers() {
        return verifiers.obtain();
    }

    /** A unit the user may see, and the user's own units in its course when they are a learner there (else none). */
    public record Visible(LearnerUnit unit, List<LearnerUnit> ownUnits) {
    }

    /**
     * {@link #visible} and {@link #ownUnits} together: a learner opening one of their own units costs one read, as the
     * unit is among their units; any other unit is read by its id and checked as {@link #visible} does.
     */
    public Visible visibleWithOwnUnits(LtiPrincipal user, UUID learnerUnitId) {
        if (!user.has(AttestRole.LEARNER)) {
            return new Visible(visible(user, learnerUnitId), List.of());
        }
        if (user.platformId() == null || user.deploymentId() == null || user.contextId() == null) {
            LearnerUnit unit = visible(user, learnerUnitId);
            return new Visible(unit, ownUnits(user));
        }
        List<LearnerUnit> own = ownUnits(user);
        LearnerUnit unit = own.stream().filter(u -> u.id().equals(learnerUnitId)).findFirst()
                .map(u -> PortfolioAccess.requireReadable(user, u, verifiers()))
                .orElseGet(() -> visible(user, learnerUnitId));
        return new Visible(unit, own);
    }

    /** The learners of a course and their progress, for an assessor of that course; one unit, or all when null. */
    public List<LearnerUnit> caseload(LtiPrincipal assessor, String unitCode) {
        PortfolioAccess.requireAssessor(assessor, "the caseload is for assessors");
        return store.inCourse(Course.of(assessor), unitCode);
    }

    /** {@link #caseload} with the course's queue sizes, read together. */
    public LearnerUnitStore.Caseload caseloadWithQueueSizes(LtiPrincipal assessor, String unitCode) {
        PortfolioAccess.requireAssessor(assessor, "the caseload is for assessors");
        return store.caseload(Course.of(assessor), unitCode);
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
