package org.attest.tool.portfolio;

/**
 * A portfolio action refused, with a message for the person who tried it. {@link Kind#NOT_FOUND}
 * is also what anyone gets for something outside their tenant, course or own portfolio, so that
 * identifiers reveal nothing.
 */
public class PortfolioRefused extends RuntimeException {

    public enum Kind {
        NOT_FOUND,
        FORBIDDEN,
        INVALID,
        CONFLICT
    }

    private final Kind kind;

    PortfolioRefused(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    public static PortfolioRefused notFound(String what) {
        return new PortfolioRefused(Kind.NOT_FOUND, what + " was not found, or is not yours to see");
    }

    public static PortfolioRefused forbidden(String message) {
        return new PortfolioRefused(Kind.FORBIDDEN, message);
    }

    public static PortfolioRefused invalid(String message) {
        return new PortfolioRefused(Kind.INVALID, message);
    }

    public static PortfolioRefused conflict(String message) {
        return new PortfolioRefused(Kind.CONFLICT, message);
    }
}
