package org.attest.tool.records.internal;

/** In what capacity someone signs a record. */
public enum SignerRole {
    CANDIDATE("candidate"),
    ASSESSOR("assessor");

    private final String label;

    SignerRole(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
