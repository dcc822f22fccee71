package org.attest.tool.portfolio;

import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.attest.tool.portfolio.internal.SamplingStore;
import org.springframework.stereotype.Service;

/**
 * Every learner's unit of a centre, as internal quality assurance samples them. A centre is a platform (the tenant);
 * the caller has checked that whoever asks may sample it. Three statements, however many units the centre has.
 */
@Service
public class SamplingCandidates {

    private final SamplingStore store;

    SamplingCandidates(SamplingStore store) {
        this.store = store;
    }

    /** Every learner's unit of the centre, by learner name and unit. */
    public List<UnitForSampling> ofCentre(UUID platformId) {
        return store.ofCentre(platformId, null, List.of());
    }

    /** One learner unit of the centre, as sampling sees it; empty when it is not the centre's. */
    public java.util.Optional<UnitForSampling> one(UUID platformId, UUID learnerUnitId) {
        return store.one(platformId, learnerUnitId);
    }

    /** One course's learner units (a cohort) of one framework (any when null). */
    public List<UnitForSampling> ofCourse(Course course, UUID frameworkId) {
        return store.ofCourse(course, frameworkId);
    }

    /** The centre's courses with learner units of the framework (any when null), for choosing a cohort. */
    public List<Course> courses(UUID platformId, UUID frameworkId) {
        return store.courses(platformId, frameworkId);
    }

    /** The centre's learner units of one framework (any when null), of the units named (any when empty). */
    public List<UnitForSampling> ofCentre(UUID platformId, UUID frameworkId, Collection<String> unitCodes) {
        return store.ofCentre(platformId, frameworkId, unitCodes == null ? List.of() : List.copyOf(unitCodes));
    }
}
