package org.attest.standards.read;

/**
 * One line of a document's text.
 *
 * @param number 1-based line number in the extracted text, for warnings
 * @param raw the line as extracted (tabs and leading spaces kept: some layouts use them)
 * @param text the line cleaned by {@link TextCleaner#clean(String)}
 */
record TextLine(int number, String raw, String text) {

    boolean isBlank() {
        return text.isEmpty();
    }
}
