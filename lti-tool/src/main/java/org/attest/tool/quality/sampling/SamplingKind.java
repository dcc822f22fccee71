package org.attest.tool.quality.sampling;

/** Interim sampling looks at work in progress; summative sampling at signed-off units before the claim. */
public enum SamplingKind {
    INTERIM(Candidate.Stage.IN_PROGRESS, "interim", "in progress"),
    SUMMATIVE(Candidate.Stage.SIGNED_OFF, "summative", "signed off");

    private final Candidate.Stage stage;
    private final String label;
    private final String stageWords;

    SamplingKind(Candidate.Stage stage, String label, String stageWords) {
        this.stage = stage;
        this.label = label;
        this.stageWords = stageWords;
    }

    /** The only stage this kind of sampling picks from. */
    public Candidate.Stage stage() {
        return stage;
    }

    /** "interim", "summative". */
    public String label() {
        return label;
    }

    /** "in progress", "signed off": how the units this kind samples stand. */
    String stageWords() {
        return stageWords;
    }
}
