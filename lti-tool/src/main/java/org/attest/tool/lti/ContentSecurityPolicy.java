package org.attest.tool.lti;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.attest.tool.lti.internal.ServiceOrigins;
import org.springframework.stereotype.Component;

/**
 * The Content-Security-Policy of every page Attest serves: scripts only from Attest itself (no inline script, no
 * {@code eval}), no plugins, no {@code <base>} tricks, and framing only by the LMSs registered here. The frame
 * ancestors are the origins of every enabled platform's issuer and authorization endpoint (the LMS pages that frame a
 * launch) and the service origins its administrator added, read again after every change made on this replica and at least every {@link PlatformRegistry#CACHE_TTL}
 * (changes made on another replica), so a newly registered platform may frame Attest at once and a disabled one no longer can.
 */
@Component
public class ContentSecurityPolicy {

    private record Computed(String policy, long generation, long expiresAtNanos) {
    }

    private final PlatformRegistry platforms;
    private final ServiceOrigins serviceOrigins;
    private final AtomicReference<Computed> computed = new AtomicReference<>();

    ContentSecurityPolicy(PlatformRegistry platforms, ServiceOrigins serviceOrigins) {
        this.platforms = platforms;
        this.serviceOrigins = serviceOrigins;
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
        Set<UUID> enabled = new HashSet<>();
        for (Platform p : platforms.all()) {
            if (p.enabled()) {
                enabled.add(p.id());
                ServiceOrigins.origin(p.issuer()).ifPresent(origins::add);
                ServiceOrigins.origin(p.authorizationEndpoint()).ifPresent(origins::add);
            }
        }
        // Canvas frames a launch from the institution's own host, which an administrator adds as a service origin.
        serviceOrigins.addedForAll().forEach((platformId, added) -> {
            if (enabled.contains(platformId)) {
                origins.addAll(added);
            }
        });
        Set<String> result = new LinkedHashSet<>();
        result.add("'self'");
        result.addAll(origins);
        return result;
    }
}
