package org.attest.standards;

/** What sort of evidence a criterion asks for. */
public enum CriterionKind {
    /** NVQ "What you must do": shown in real work; simulation rules apply. */
    PERFORMANCE("What you must do"),
    /** NVQ "What you must know". */
    KNOWLEDGE("What you must know"),
    /** RQF/QCF "Assessment criteria — The learner can:". */
    ASSESSMENT("The learner can");

    private final String heading;

    CriterionKind(String heading) {
        this.heading = heading;
    }

    /** The heading awarding bodies print above criteria of this kind. */
    public String heading() {
        return heading;
    }
}
