package org.attest.tool.gradebook.lms;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.attest.tool.lti.Platform;
import org.attest.tool.lti.PlatformHttp;

/**
 * A call to a platform's token endpoint, AGS or NRPS service did not succeed. {@link #retryable()}
 * says whether the same call may succeed later (the platform was unreachable, slow, overloaded, or
 * refused the token: 401, 408, 429, 5xx); other answers (400, 403, 404, ...) will not change by
 * retrying and need a person to look.
 */
public class PlatformCallFailed extends Exception {

    private final int status;
    private final boolean retryable;
    private final Duration retryAfter;
    private final String url;

    PlatformCallFailed(String message, int status, boolean retryable, Duration retryAfter, String url, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.retryable = retryable;
        this.retryAfter = retryAfter;
        this.url = url;
    }

    /**
     * The platform did not answer: not reachable, or not within the timeout; or Attest's egress policy
     * refused the URL, which no retry changes until an administrator acts.
     */
    static PlatformCallFailed unreachable(Platform platform, String what, String url, PlatformHttp.Unreachable e) {
        if (e instanceof PlatformHttp.Refused) {
            return new PlatformCallFailed(what + " at " + platform.describe() + " was refused by Attest: " + e.getMessage()
                    + "; nothing was sent", 0, false, null, url, e);
        }
        return new PlatformCallFailed(what + " at " + platform.describe() + " failed: " + e.getMessage()
                + "; it will be tried again", 0, true, null, url, e);
    }

    /** The platform answered with a status other than 2xx. */
    static PlatformCallFailed answered(Platform platform, String what, String url, PlatformHttp.Response response, String hint,
            Clock clock) {
        int status = response.status();
        boolean retryable = isRetryable(status);
        Duration retryAfter = response.header("Retry-After").map(v -> parseRetryAfter(v, clock)).orElse(null);
        String message = what + " at " + platform.describe() + " failed: " + url + " answered HTTP " + status
                + (response.excerpt().isEmpty() ? "" : " (" + response.excerpt() + ")")
                + (hint == null || hint.isEmpty() ? "" : "; " + hint)
                + (retryable ? "; it will be tried again" + (retryAfter == null ? "" : " after " + retryAfter.toSeconds() + " s") : "");
        return new PlatformCallFailed(message, status, retryable, retryAfter, url, null);
    }

    /** The platform said yes but its answer cannot be used (not JSON, a required field missing, endless paging). */
    static PlatformCallFailed unusable(Platform platform, String what, String url, String problem) {
        return new PlatformCallFailed(what + " at " + platform.describe() + " failed: the answer from " + url + " " + problem,
                200, false, null, url, null);
    }

    static boolean isRetryable(int status) {
        return status == 401 || status == 408 || status == 429 || status >= 500;
    }

    /** Retry-After is either a number of seconds or an HTTP date (RFC 9110 section 10.2.3). */
    static Duration parseRetryAfter(String value, Clock clock) {
        String v = value.trim();
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(v)));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration wait = Duration.between(clock.instant(), at);
                return wait.isNegative() ? Duration.ZERO : wait;
            } catch (DateTimeParseException notADate) {
                return null; // an unreadable hint is no hint: the caller's own backoff applies
            }
        }
    }

    /** The HTTP status, or 0 when the platform did not answer. */
    public int status() {
        return status;
    }

    public boolean retryable() {
        return retryable;
    }

    /** How long the platform asked callers to wait (429 or 503 with {@code Retry-After}). */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    public String url() {
        return url;
    }
}
