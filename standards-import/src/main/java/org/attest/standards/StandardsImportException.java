package org.attest.standards;

/**
 * A document could not be imported: unreadable, in no layout Attest knows, or without a single
 * criterion. Nothing is half-imported: the message says which file and what to do.
 */
public class StandardsImportException extends Exception {

    private final String file;
    private final int line;

    public StandardsImportException(String file, int line, String message) {
        super(line > 0 ? file + ":" + line + ": " + message : file + ": " + message);
        this.file = file;
        this.line = line;
    }

    public StandardsImportException(String file, String message, Throwable cause) {
        super(file + ": " + message, cause);
        this.file = file;
        this.line = 0;
    }

    public String file() {
        return file;
    }

    public int line() {
        return line;
    }
}
