package org.attest.tool.http;

import com.nimbusds.jwt.SignedJWT;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.attest.tool.http.RateLimits.Exceeded;
import org.attest.tool.http.RateLimits.Family;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Counts the requests to the endpoints anyone may call without signing in (login initiation, launch,
 * Dynamic Registration, setup links, external verifiers' sign-in links, witnesses' links) against the client's address and the platform they name, and
 * answers 429 with {@code Retry-After} once a bucket is empty, before anything is stored or fetched.
 */
class RateLimitFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(RateLimitFilter.class);
    // Longer values are refused by the endpoints themselves; as keys they would only waste memory.
    private static final int MAX_KEY_LENGTH = 512;
    private static final int MAX_ID_TOKEN_LENGTH = 65_536;
    private static final Pattern ISSUER = Pattern.compile("\"iss\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.){1,512})\"");

    private final RateLimits limits;
    private final RefusalPages pages;

    RateLimitFilter(RateLimits limits, RefusalPages pages) {
        this.limits = limits;
        this.pages = pages;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !limits.enabled() || family(request) == null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Family family = family(request);
        String address = ClientAddress.of(request);
        Optional<Exceeded> exceeded = limits.take(family, address, platform(family, request));
        if (exceeded.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        Exceeded e = exceeded.get();
        log.warn("Rate limit: {} request from {} refused ({} limit); retry after {} s", family, address,
                e.perPlatform() ? "per-platform" : "per-address", e.retryAfterSeconds());
        response.setHeader("Retry-After", String.valueOf(e.retryAfterSeconds()));
        pages.refuse(request, response, 429, "Too many requests", (e.perPlatform()
                ? "Attest has had too many " + noun(family) + " for this platform in a short time"
                : "Attest has had too many " + noun(family) + " from your network in a short time")
                + "; nothing was done. Please try again in " + inAbout(e.retryAfterSeconds()) + ".");
    }

    static Family family(HttpServletRequest request) {
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        if (path.equals("/lti/login")) {
            return Family.LOGIN;
        }
        if (path.equals("/lti/launch") && "POST".equals(request.getMethod())) {
            return Family.LAUNCH;
        }
        if (path.equals("/lti/register") || path.startsWith("/lti/register/")) {
            return Family.REGISTRATION;
        }
        if (path.startsWith("/admin/setup/")) {
            return Family.SETUP;
        }
        if (path.startsWith("/eqa/")) {
            return Family.EQA_SIGN_IN;
        }
        if (path.startsWith("/witness/")) {
            return Family.WITNESS_LINK;
        }
        return null;
    }

    private static String platform(Family family, HttpServletRequest request) {
        return switch (family) {
            case LOGIN -> request.getParameter("iss") == null ? null
                    : key(request.getParameter("iss") + " " + String.valueOf(request.getParameter("client_id")));
            case LAUNCH -> key(unverifiedIssuer(PostedIdToken.of(request), request.getParameter("id_token")));
            case REGISTRATION -> key(host(request.getParameter("openid_configuration")));
            case SETUP, EQA_SIGN_IN, WITNESS_LINK -> null;
        };
    }

    /** The id_token's issuer as claimed (see {@link #unverifiedIssuer(SignedJWT, String)}). */
    static String unverifiedIssuer(String idToken) {
        return unverifiedIssuer(PostedIdToken.parse(idToken), idToken);
    }

    /**
     * The id_token's issuer as claimed; its signature is checked later, so this only groups requests. Read from the
     * request's one parse of the token ({@link PostedIdToken}), which the launch then checks; a token whose claims are not
     * a JWT's is scanned for its {@code "iss"} string instead, as before: a token crafted to mislead either can only pick
     * a bucket, which claiming any issuer does too.
     */
    static String unverifiedIssuer(SignedJWT parsed, String idToken) {
        if (parsed != null) {
            try {
                return parsed.getJWTClaimsSet().getClaim("iss") instanceof String iss && !iss.isEmpty() && iss.length() <= MAX_KEY_LENGTH
                        ? iss : null;
            } catch (ParseException e) {
                // not a JWT's claims: scanned below
            }
        }
        return scannedIssuer(idToken);
    }

    private static String scannedIssuer(String idToken) {
        if (idToken == null || idToken.length() > MAX_ID_TOKEN_LENGTH) {
            return null;
        }
        int first = idToken.indexOf('.');
        int second = first < 0 ? -1 : idToken.indexOf('.', first + 1);
        if (second < 0) {
            return null;
        }
        String payload;
        try {
            payload = new String(Base64.getUrlDecoder().decode(idToken.substring(first + 1, second)), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        Matcher iss = ISSUER.matcher(payload);
        return iss.find() ? iss.group(1).replace("\\/", "/") : null; // PHP's JSON writes "https:\/\/..."
    }

    private static String host(String url) {
        if (url == null) {
            return null;
        }
        try {
            return URI.create(url.strip()).getHost();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String key(String value) {
        return value == null ? null : value.length() > MAX_KEY_LENGTH ? value.substring(0, MAX_KEY_LENGTH) : value;
    }

    private static String noun(Family family) {
        return switch (family) {
            case LOGIN -> "sign-ins";
            case LAUNCH -> "launches";
            case REGISTRATION -> "registrations";
            case SETUP -> "setup link attempts";
            case EQA_SIGN_IN -> "external verifier sign-in attempts";
            case WITNESS_LINK -> "witness link requests";
        };
    }

    private static String inAbout(long seconds) {
        if (seconds < 120) {
            return seconds + (seconds == 1 ? " second" : " seconds");
        }
        long minutes = (seconds + 59) / 60;
        return minutes + " minutes";
    }
}
