package org.attest.tool.records.internal;

import java.util.Set;

/** The four recording documents an assessor keeps, with the title the form prints and who signs it. */
public enum RecordKind {
    ASSESSMENT_PLAN("Assessment action plan", Set.of(SignerRole.ASSESSOR, SignerRole.CANDIDATE)),
    OBSERVATION("Observation record", Set.of(SignerRole.ASSESSOR, SignerRole.CANDIDATE)),
    ASSESSMENT_REPORT("Assessment report", Set.of(SignerRole.ASSESSOR, SignerRole.CANDIDATE)),
    FEEDBACK("Action plan and feedback to candidate", Set.of(SignerRole.ASSESSOR));

    private final String title;
    private final Set<SignerRole> signers;

    RecordKind(String title, Set<SignerRole> signers) {
        this.title = title;
        this.signers = signers;
    }

    public String title() {
        return title;
    }

    /** The roles whose signatures complete the record. */
    public Set<SignerRole> signers() {
        return signers;
    }

    public boolean needs(SignerRole role) {
        return signers.contains(role);
    }
}
