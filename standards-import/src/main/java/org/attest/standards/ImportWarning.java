package org.attest.standards;

/**
 * Something in a document a centre admin should check; the import still succeeded.
 *
 * @param file the document's name
 * @param line the 1-based line in the document's text, 0 when the warning is about the whole document
 * @param code a stable machine-readable code ({@code CODE_OUTSIDE_UNIT}, {@code DUPLICATE_STATEMENT}, ...)
 * @param message a sentence saying what was found, what Attest did, and what to check
 */
public record ImportWarning(String file, int line, String code, String message) {

    @Override
    public String toString() {
        return line > 0 ? file + ":" + line + ": " + message : file + ": " + message;
    }
}
