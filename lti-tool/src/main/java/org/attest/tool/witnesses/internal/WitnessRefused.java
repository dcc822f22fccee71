package org.attest.tool.witnesses.internal;

/** A witness action refused, with what was wrong and what to do; NOT_FOUND reveals nothing about what exists. */
public class WitnessRefused extends RuntimeException {

    public enum Kind {
        NOT_FOUND,
        FORBIDDEN,
        INVALID
    }

    private final Kind kind;

    WitnessRefused(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    static WitnessRefused notFound(String what) {
        return new WitnessRefused(Kind.NOT_FOUND, what + " was not found, or is not yours to see");
    }

    static WitnessRefused forbidden(String message) {
        return new WitnessRefused(Kind.FORBIDDEN, message);
    }

    static WitnessRefused invalid(String message) {
        return new WitnessRefused(Kind.INVALID, message);
    }
}
