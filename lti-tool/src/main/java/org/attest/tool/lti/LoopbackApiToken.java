package org.attest.tool.lti;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.attest.tool.lti.internal.LaunchSessions;
import org.attest.tool.lti.internal.SecretTokens;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * {@code attest.admin.loopback-api-token}: an operator-wide API token taken from configuration instead of the
 * Frameworks page, for a program that runs Attest beside itself on one machine: {@code attest-sandbox.jar}
 * generates one at every start and hands it over in memory, so its sandbox LMS can ask Attest's token API for a
 * one-time registration URL. It signs in only while Attest listens on a loopback address alone
 * ({@code server.address} 127.0.0.1, ::1 or localhost) and never in the {@code prod} profile; it must look like
 * an Attest token ({@code attest_} and at least 32 more characters). It is never logged.
 */
@Component
class LoopbackApiToken {

    static final String PROPERTY = "attest.admin.loopback-api-token";
    private static final int MIN_SECRET_LENGTH = 32;
    private static final Logger log = LoggerFactory.getLogger(LoopbackApiToken.class);

    /** The token's SHA-256 in hex ({@link LaunchSessions#hash}, as Attest keeps every token's) while it may sign in; null otherwise. */
    private final byte[] hash;

    LoopbackApiToken(Environment environment) {
        String token = environment.getProperty(PROPERTY);
        if (token == null || token.isBlank()) {
            this.hash = null;
            return;
        }
        if (!token.startsWith(ApiTokens.PREFIX) || token.length() < ApiTokens.PREFIX.length() + MIN_SECRET_LENGTH
                || token.length() > 128) {
            throw new IllegalStateException(PROPERTY + " must be '" + ApiTokens.PREFIX + "' followed by " + MIN_SECRET_LENGTH
                    + " to 120 random characters; leave it unset unless a program running Attest on this machine sets it");
        }
        String address = environment.getProperty("server.address");
        if (environment.matchesProfiles("prod")) {
            log.warn("{} is ignored: the prod profile never accepts a token from configuration", PROPERTY);
            this.hash = null;
        } else if (!isLoopback(address)) {
            log.warn("{} is ignored: Attest listens on {}, not only on loopback", PROPERTY,
                    address == null || address.isBlank() ? "every interface" : address);
            this.hash = null;
        } else {
            this.hash = digest(token);
        }
    }

    /** Whether {@code token} is this one, compared in constant time; always false when it is off. */
    boolean matches(String token) {
        return hash != null && token != null && MessageDigest.isEqual(hash, digest(token));
    }

    /**
     * Whether this {@code server.address} accepts connections from this machine only; unset means every interface. The
     * rule by which the sandbox decides whether it runs ({@code SandboxCondition}), so both agree: a loopback IP
     * literal in any spelling, or {@code localhost}; any other host name is not resolved, so not trusted.
     */
    private static boolean isLoopback(String address) {
        if (address == null || address.isBlank()) {
            return false;
        }
        String a = address.strip();
        if (a.startsWith("[") && a.endsWith("]")) {
            a = a.substring(1, a.length() - 1);
        }
        if (a.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (!a.matches("[0-9.]+|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*")) {
            return false;
        }
        try {
            return InetAddress.getByName(a).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static byte[] digest(String token) {
        return SecretTokens.hash(token).getBytes(StandardCharsets.US_ASCII);
    }
}
