package org.attest.tool.portfolio.internal.files;

/**
 * An evidence upload Attest refused; nothing of it was kept. The message is meant for the learner: it
 * names the file, says what was wrong and what to do.
 */
public class UploadRejected extends RuntimeException {

    /** Why an upload was refused, for code that reacts differently to each (status codes, metrics). */
    public enum Reason {
        /** The file is larger than {@code attest.files.max-size}. */
        TOO_LARGE,
        /** The file has no bytes. */
        EMPTY,
        /** The bytes are a type not on {@code attest.files.allowed-types}. */
        TYPE_NOT_ALLOWED,
        /** The name's extension claims one type, the bytes are another. */
        TYPE_MISMATCH,
        /** The upload stream failed before its end. */
        INTERRUPTED,
        /** The name holds control characters (NUL, line breaks) that no ordinary file name has. */
        NAME_NOT_ALLOWED
    }

    private final Reason reason;

    UploadRejected(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    UploadRejected(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
