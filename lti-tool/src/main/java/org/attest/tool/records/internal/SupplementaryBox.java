package org.attest.tool.records.internal;

/** The observation record's supplementary evidence boxes, worded as the form prints them. */
public enum SupplementaryBox {
    WORK_PRODUCTS("Work products (eg documents, reports etc)"),
    PHOTOGRAPHS("Photographs"),
    E_EVIDENCE("E-evidence (video, audio, MP3 etc)"),
    THIRD_PARTY("Confirmation by third party (witness testimony etc)");

    private final String label;

    SupplementaryBox(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
