package org.attest.tool.quality.sampling;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.attest.standards.AssessmentMethod;
import org.attest.tool.quality.sampling.Candidate.Assessor;
import org.attest.tool.quality.sampling.Candidate.Stage;

/** Test data for the sampling engine: a few assessors and a builder of learner units. */
final class TestCandidates {

    static final Assessor ALEX = new Assessor("a-alex", "Alex Assessor", false, false, 0);
    static final Assessor TOM = new Assessor("a-tom", "Tom Trainee", true, false, 0);
    static final Assessor NINA = new Assessor("a-nina", "Nina New", false, true, 0);

    private TestCandidates() {
    }

    static Assessor afterDisagreements(Assessor assessor, int disagreements) {
        return new Assessor(assessor.id(), assessor.name(), assessor.trainee(), assessor.newToAssessing(),
                disagreements);
    }

    static Builder unit(int number) {
        return new Builder(number);
    }

    /** {@code count} signed-off learner units of Unit 224 observed by the assessor, numbered from {@code first}. */
    static List<Candidate> units(Assessor assessor, int first, int count) {
        List<Candidate> list = new ArrayList<>();
        for (int i = first; i < first + count; i++) {
            list.add(unit(i).by(assessor).build());
        }
        return list;
    }

    static UUID id(int number) {
        return new UUID(0x5A3Dl, number);
    }

    static final class Builder {
        private final int number;
        private Assessor assessor = ALEX;
        private String unitCode = "224";
        private Set<AssessmentMethod> methods = EnumSet.of(AssessmentMethod.OBSERVATION);
        private String employer;
        private String site;
        private LocalDate started = LocalDate.of(2026, 1, 12);
        private Stage stage = Stage.SIGNED_OFF;
        private Set<SamplingKind> sampledBefore = Set.of();

        Builder(int number) {
            this.number = number;
        }

        Builder by(Assessor assessor) {
            this.assessor = assessor;
            return this;
        }

        Builder unitCode(String code) {
            this.unitCode = code;
            return this;
        }

        Builder methods(AssessmentMethod first, AssessmentMethod... more) {
            this.methods = EnumSet.of(first, more);
            return this;
        }

        Builder employer(String employer) {
            this.employer = employer;
            return this;
        }

        Builder site(String site) {
            this.site = site;
            return this;
        }

        Builder started(LocalDate started) {
            this.started = started;
            return this;
        }

        Builder inProgress() {
            this.stage = Stage.IN_PROGRESS;
            return this;
        }

        Builder sampledBefore(SamplingKind... kinds) {
            this.sampledBefore = Set.of(kinds);
            return this;
        }

        Candidate build() {
            return new Candidate(id(number), "learner-" + number, "Learner " + number, "course-1", "Customer service L2",
                    unitCode, assessor, methods, employer, site, started, stage, sampledBefore);
        }
    }
}
