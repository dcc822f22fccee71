package org.attest.tool.quality.internal;

/**
 * A quality-assurance action refused, with a message for the person who tried it. {@link Kind#NOT_FOUND} is also what
 * anyone gets for a plan or learner unit outside their centre, so identifiers reveal nothing.
 */
public class QualityRefused extends RuntimeException {

    public enum Kind {
        NOT_FOUND,
        FORBIDDEN,
        INVALID
    }

    private final Kind kind;

    QualityRefused(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    static QualityRefused notFound(String what) {
        return new QualityRefused(Kind.NOT_FOUND, what + " was not found, or is not in your centre");
    }

    static QualityRefused forbidden(String why) {
        return new QualityRefused(Kind.FORBIDDEN, why);
    }

    /** Input a page could not read (a date, a choice), refused as {@link Kind#INVALID}. */
    public static QualityRefused badInput(String what) {
        return invalid(what);
    }

    static QualityRefused invalid(String what) {
        return new QualityRefused(Kind.INVALID, what);
    }
}
