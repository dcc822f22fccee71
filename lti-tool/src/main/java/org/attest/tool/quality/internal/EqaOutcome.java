package org.attest.tool.quality.internal;

/**
 * The outcome of an external verifier's visit, in the words awarding bodies use for a centre's risk and sanctions
 * (City & Guilds, Pearson and others name them alike): direct claims status kept, an action plan, or a sanction
 * from 1 (claims held pending checks) to 3 (approval suspended).
 */
public enum EqaOutcome {
    DIRECT_CLAIMS_MAINTAINED("Direct claims status maintained"),
    ACTION_PLAN("Direct claims status maintained with an action plan"),
    SANCTION_1("Sanction 1: action plan, direct claims status kept under review"),
    SANCTION_2("Sanction 2: direct claims status removed, certificate claims held until sampled"),
    SANCTION_3("Sanction 3: registrations and certification suspended");

    private final String label;

    EqaOutcome(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
