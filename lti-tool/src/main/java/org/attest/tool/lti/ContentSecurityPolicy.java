package org.attest.tool.lti;

import java.net.URI;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.stereotype.Component;

/**
 * The Content-Security-Policy of every page Attest serves: scripts only from Attest itself (no inline script, no
 * {@code eval}), no plugins, no {@code <base>} tricks, and framing only by the LMSs registered here. The frame
 * ancestors are the origins of every enabled platform's issuer and authorization endpoint (the LMS pages that frame a
 * launch), read again after every change made on this replica and at least every {@link PlatformRegistry#CACHE_TTL}
 * (changes made on another replica), so a newly registered platform may frame Attest at once and a disabled one no longer can.
 */
@Component
public class ContentSecurityPolicy {

    private record Computed(String policy, long generation, long expiresAtNanos) {
    }

    private final PlatformRegistry platforms;
    private final AtomicReference<Computed> computed = new AtomicReference<>();

    ContentSecurityPolicy(PlatformRegistry platforms) {
        this.platforms = platforms;
    }

    /** The header value for a page. */
    public String policy() {
        long now = System.nanoTime();
        long generation = platforms.generation();
        Computed c = computed.get();
        if (c == null || c.generation() != generation || now - c.expiresAtNanos() >= 0) {
            c = new Computed(compute(), generation, now + PlatformRegistry.CACHE_TTL.toNanos());
            computed.set(c);
        }
        return c.policy();
    }

    private String compute() {
        return "script-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors " + String.join(" ", frameAncestors());
    }

    /** 'self' and the origins of enabled platforms, sorted so the header is stable. */
    Set<String> frameAncestors() {
        Set<String> origins = new TreeSet<>();
        for (Platform p : platforms.all()) {
            if (p.enabled()) {
                origin(p.issuer()).ifPresent(origins::add);
                origin(p.authorizationEndpoint()).ifPresent(origins::add);
            }
        }
        Set<String> result = new java.util.LinkedHashSet<>();
        result.add("'self'");
        result.addAll(origins);
        return result;
    }

    /** scheme://host[:port] of an http(s) URL; nothing for anything else, so no stored value can add a keyword or a wildcard. */
    static java.util.Optional<String> origin(String url) {
        try {
            URI uri = URI.create(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
            String host = uri.getHost();
            if (!("http".equals(scheme) || "https".equals(scheme)) || host == null || !host.matches("[A-Za-z0-9.\\-\\[\\]:]+")) {
                return java.util.Optional.empty();
            }
            return java.util.Optional.of(scheme + "://" + host.toLowerCase(java.util.Locale.ROOT)
                    + (uri.getPort() == -1 ? "" : ":" + uri.getPort()));
        } catch (IllegalArgumentException | NullPointerException e) {
            return java.util.Optional.empty();
        }
    }
}
