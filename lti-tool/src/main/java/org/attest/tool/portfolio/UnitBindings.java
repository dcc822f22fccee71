package org.attest.tool.portfolio;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Cache;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.attest.tool.lti.LtiPrincipal;
import org.attest.tool.portfolio.internal.PortfolioChanges;
import org.attest.tool.portfolio.internal.UnitBindingStore;
import org.attest.tool.standards.FrameworkCatalog.PlaceableUnit;
import org.attest.tool.standards.FrameworkCatalog;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Which unit each LMS activity is for. An activity placed by Deep Linking carries its unit in custom
 * parameters and is bound on its first launch; an activity created by hand is bound by the first
 * tutor who launches it and picks a unit. A course holds as many bound activities as its
 * qualification plan has units.
 */
@Service
public class UnitBindings {

    static final String CUSTOM_FRAMEWORK = "attest_framework";
    static final String CUSTOM_UNIT = "attest_unit";

    /** Bindings this replica has read, kept: a binding is only ever inserted, never changed or removed. */
    private static final int KEPT_AT_MOST = 10_000;

    private record Link(UUID platformId, String resourceLinkId) {
    }

    private final Cache<Link, UnitBinding> known = Caffeine.newBuilder().maximumSize(KEPT_AT_MOST).build();
    private final UnitBindingStore store;
    private final FrameworkCatalog catalog;
    private final PortfolioChanges changes;
    private final Clock clock;

    UnitBindings(UnitBindingStore store, FrameworkCatalog catalog, PortfolioChanges changes, Clock clock) {
        this.store = store;
        this.catalog = catalog;
        this.changes = changes;
        this.clock = clock;
    }

    /** The unit of the launched activity: bound already, or bound now from the deep-linking custom parameters. */
    public Optional<UnitBinding> forLaunch(LtiPrincipal user) {
        if (user.resourceLinkId() == null) {
            return Optional.empty();
        }
        Course course = Course.of(user);
        return changes.inTransaction(() -> boundOrFromLink(user, course));
    }

    private Optional<UnitBinding> boundOrFromLink(LtiPrincipal user, Course course) {
        Optional<UnitBinding> bound = find(course.platformId(), user.resourceLinkId());
        if (bound.isPresent()) {
            return bound.filter(b -> b.course().equals(course));
        }
        String framework = user.custom().get(CUSTOM_FRAMEWORK);
        String unit = user.custom().get(CUSTOM_UNIT);
        if (framework == null || unit == null) {
            return Optional.empty();
        }
        // Custom parameters come from the LMS: another centre's framework is not theirs to place.
        return catalog.unit(course.platformId(), framework, unit).map(p -> insert(user, course, p, "deep linking"));
    }

    /** A tutor picks the unit for an activity nobody bound yet. */
    public UnitBinding bind(LtiPrincipal tutor, String frameworkId, String unitCode) {
        PortfolioAccess.requireTutor(tutor, "only tutors choose the unit of an activity");
        Course course = Course.of(tutor);
        if (tutor.resourceLinkId() == null) {
            throw PortfolioRefused.invalid("this launch is not from an activity; add Attest to your course as an activity first");
        }
        Optional<UnitBinding> existing = find(course.platformId(), tutor.resourceLinkId());
        if (existing.isPresent()) {
            throw PortfolioRefused.conflict("this activity is already bound to Unit " + existing.get().unitCode());
        }
        PlaceableUnit unit = catalog.unit(course.platformId(), frameworkId, unitCode)
                .orElseThrow(() -> PortfolioRefused.invalid("unit " + unitCode + " is not in Attest's frameworks; ask your centre administrator to import it"));
        return changes.inTransaction(() -> insert(tutor, course, unit, tutor.subject()));
    }

    public List<UnitBinding> inCourse(Course course) {
        return store.inCourse(course);
    }

    /** The unit an activity is bound to, if any. */
    public Optional<UnitBinding> find(UUID platformId, String resourceLinkId) {
        Link link = new Link(platformId, resourceLinkId);
        UnitBinding kept = known.getIfPresent(link);
        if (kept != null) {
            return Optional.of(kept);
        }
        Optional<UnitBinding> found = store.find(platformId, resourceLinkId);
        found.ifPresent(this::keep);
        return found;
    }

    /** Keeps a binding that is in the database: now, or once the transaction that inserted it commits. */
    private void keep(UnitBinding binding) {
        Runnable put = () -> {
            known.put(new Link(binding.course().platformId(), binding.resourceLinkId()), binding);
        };
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            put.run();
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                put.run();
            }
        });
    }

    private UnitBinding insert(LtiPrincipal user, Course course, PlaceableUnit unit, String boundBy) {
        UnitBinding binding = new UnitBinding(course, user.resourceLinkId(), unit.framework().id(), unit.unit().code(),
                unit.unit().displayName());
        if (!store.insert(binding, boundBy, clock.instant())) {
            return find(course.platformId(), user.resourceLinkId()).orElseThrow();
        }
        keep(binding);
        return binding;
    }
}
