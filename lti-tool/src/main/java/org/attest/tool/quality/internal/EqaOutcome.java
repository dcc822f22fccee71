package org.attest.tool.quality.internal;

/**
 * The outcome of an external verifier's visit, as the tariff of sanctions of the NVQ Code of Practice (2006, appendix
 * 3, still in force) names it, which City &amp; Guilds and the other awarding bodies use for a centre's risk rating
 * (levels 0 and 1 low risk, 2 medium, 3a and 3b high).
 */
public enum EqaOutcome {
    LEVEL_0("No sanction: direct claims status maintained (level 0)"),
    LEVEL_1("Action plan with agreed timescales: direct claims status maintained (sanction level 1)"),
    LEVEL_2("Direct claims status suspended: certificates claimed only after external sampling (sanction level 2)"),
    LEVEL_3A("Registration and certification suspended for the qualification (sanction level 3a)"),
    LEVEL_3B("Centre approval for the qualification withdrawn (sanction level 3b)");

    private final String label;

    EqaOutcome(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
