package org.attest.tool.gradebook.lms;

/** The gradebook's {@code last_error} columns hold 2000 characters: a longer error is cut to fit. */
public final class LastError {

    static final int MAX = 2000;

    private LastError() {
    }

    /** {@code error} when it fits, else its start and "..."; null stays null. */
    public static String fitted(String error) {
        return error == null || error.length() <= MAX ? error : error.substring(0, MAX - 3) + "...";
    }
}
