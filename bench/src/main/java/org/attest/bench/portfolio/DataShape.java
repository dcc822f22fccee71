package org.attest.bench.portfolio;

/**
 * The size of the generated data set. The defaults are the issue's target: 100,000 learners in 50
 * centres, 15 units each, 20 evidence items per learner unit; {@code evidenceShare} says for what
 * share of the learner units outside the measured centre evidence is generated (see
 * docs/benchmarks.md, "Portfolio pages", for why not all of them).
 *
 * <p>Centre {@code c} is deployment {@code c + 1} of the played platform; its learners sit in courses
 * of {@code courseSize} (the last one smaller). The measured course is the first course of the
 * first centre: deployment "1", context "2", the Moodle capture's course.
 */
record DataShape(int centres, int learnersPerCentre, int courseSize, int evidencePerUnit, double evidenceShare, long seed) {

    static final int UNITS_PER_LEARNER = 15;

    static DataShape issueTarget(double evidenceShare) {
        return new DataShape(50, 2_000, 300, 20, evidenceShare, 20261124L);
    }

    DataShape {
        if (centres < 1 || learnersPerCentre < 1 || courseSize < 1 || evidencePerUnit < 1 || evidencePerUnit > 60
                || evidenceShare < 0 || evidenceShare > 1) {
            throw new IllegalArgumentException("a data shape needs at least one centre, learner and course place, 1 to 60 "
                    + "evidence items per learner unit, and an evidence share from 0 to 1");
        }
    }

    int coursesPerCentre() {
        return (learnersPerCentre + courseSize - 1) / courseSize;
    }

    int courses() {
        return centres * coursesPerCentre();
    }

    /** Learners in a centre's {@code j}-th course: {@code courseSize}, the last course the rest. */
    int learnersIn(int course) {
        int j = course % coursesPerCentre();
        return Math.min(courseSize, learnersPerCentre - j * courseSize);
    }

    int centreOf(int course) {
        return course / coursesPerCentre();
    }

    /** The global number of the {@code position}-th learner of a course. */
    int learner(int course, int position) {
        return centreOf(course) * learnersPerCentre + (course % coursesPerCentre()) * courseSize + position;
    }

    long learners() {
        return (long) centres * learnersPerCentre;
    }

    static String deploymentId(int centre) {
        return Integer.toString(centre + 1);
    }

    /** Moodle numbers courses from 2 (1 is the site), so the measured course is the capture's "2". */
    static String contextId(int course) {
        return Integer.toString(course + 2);
    }

    /** Moodle-style numeric user ids: learners from 1000, assessors from 500000 (two per course). */
    static String learnerSubject(int learner) {
        return Integer.toString(1_000 + learner);
    }

    static String assessorSubject(int course, boolean qualified) {
        return Integer.toString(500_000 + 2 * course + (qualified ? 0 : 1));
    }

    /** One activity per unit per course; the measured course's Unit 224 activity is the capture's "1". */
    static String resourceLinkId(int course, int unitIndex) {
        return Integer.toString(course * UNITS_PER_LEARNER + unitIndex + 1);
    }
}
