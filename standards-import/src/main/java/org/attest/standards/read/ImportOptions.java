package org.attest.standards.read;

/**
 * What the admin tells the importer that the documents may not say.
 *
 * @param frameworkTitle the framework's title and identity key; {@code null} to take it from the documents
 * @param version the framework version; "1" by default
 * @param creator the awarding body or publisher; CASE requires one
 * @param unitCode unit number for a document that prints none, {@code null} to derive it
 * @param unitTitle unit title for a document that prints none
 */
public record ImportOptions(String frameworkTitle, String version, String creator, String unitCode, String unitTitle) {

    public static final String DEFAULT_CREATOR = "Awarding body not stated";

    public ImportOptions {
        version = blankToNull(version) == null ? "1" : version.trim();
        creator = blankToNull(creator) == null ? DEFAULT_CREATOR : creator.trim();
        frameworkTitle = blankToNull(frameworkTitle);
        unitCode = blankToNull(unitCode);
        unitTitle = blankToNull(unitTitle);
    }

    public static ImportOptions defaults() {
        return new ImportOptions(null, null, null, null, null);
    }

    public ImportOptions withUnit(String code, String title) {
        return new ImportOptions(frameworkTitle, version, creator, code, title);
    }

    public ImportOptions withFramework(String title, String newVersion, String newCreator) {
        return new ImportOptions(title, newVersion, newCreator, unitCode, unitTitle);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
