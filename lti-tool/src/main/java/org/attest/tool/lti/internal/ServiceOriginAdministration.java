package org.attest.tool.lti.internal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.attest.tool.lti.AdminRefused;
import org.attest.tool.lti.LtiPrincipal;
import org.attest.tool.lti.Platform;
import org.attest.tool.lti.PlatformAdministration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The "Service origins" of a platform on its admin page: where Attest may call the platform's
 * services besides the origins of its own registered URLs (Canvas serves grades and rosters on the
 * institution's host, such as https://college.instructure.com, while its issuer, keys and token
 * endpoint are on canvas.instructure.com and sso.canvaslms.com), and what Attest refused lately.
 * Whoever manages the platform (its centre administrator, or the operator) may change them.
 */
@Service
public class ServiceOriginAdministration {

    /** What the admin page shows. */
    public record View(List<String> registered, List<Origin> added, List<Refusal> refused) {
    }

    /** An origin an administrator added. */
    public record Origin(String origin, Instant addedAt, String addedBy) {
    }

    /** An origin Attest refused to call, with the last URL refused there. */
    public record Refusal(String origin, String exampleUrl, long refusals, Instant lastRefusedAt) {
    }

    private static final Logger log = LoggerFactory.getLogger(ServiceOriginAdministration.class);

    private final PlatformAdministration administration;
    private final ServiceOrigins origins;

    ServiceOriginAdministration(PlatformAdministration administration, ServiceOrigins origins) {
        this.administration = administration;
        this.origins = origins;
    }

    public View view(LtiPrincipal who, String platformId) {
        Platform platform = administration.get(who, platformId);
        return new View(List.copyOf(ServiceOrigins.registered(platform)),
                origins.added(platform.id()).stream().map(a -> new Origin(a.origin(), a.addedAt(), a.addedBy())).toList(),
                origins.refused(platform.id()).stream()
                        .map(r -> new Refusal(r.origin(), r.exampleUrl(), r.refusals(), r.lastRefusedAt())).toList());
    }

    /** Adds the origin of {@code url} (an origin, or any URL on it, such as one Attest refused). */
    @Transactional
    public String allow(LtiPrincipal who, String platformId, String url) {
        Platform platform = administration.get(who, platformId);
        String input = url == null ? "" : url.trim();
        if (input.isEmpty()) {
            throw AdminRefused.invalid("origin", "Enter the origin to allow, such as https://college.instructure.com");
        }
        if (input.length() > 300) {
            throw AdminRefused.invalid("origin", "An origin is at most 300 characters; enter only scheme, host and port, "
                    + "such as https://college.instructure.com");
        }
        Optional<String> origin = ServiceOrigins.origin(input);
        if (origin.isEmpty()) {
            throw AdminRefused.invalid("origin", "'" + input + "' is not an http(s) origin; enter scheme, host and port, "
                    + "such as https://college.instructure.com (no user name)");
        }
        if (ServiceOrigins.registered(platform).contains(origin.get())) {
            throw AdminRefused.invalid("origin", origin.get() + " is already allowed: it is the origin of one of "
                    + platform.describe() + "'s own URLs");
        }
        if (!origins.add(platform.id(), origin.get(), who.displayName())) {
            throw AdminRefused.invalid("origin", origin.get() + " is already allowed for " + platform.describe());
        }
        log.info("{} allowed calls to {} for the services of platform {}", who.describe(), origin.get(),
                platform.describe());
        return origin.get();
    }

    @Transactional
    public void remove(LtiPrincipal who, String platformId, String origin) {
        Platform platform = administration.get(who, platformId);
        if (origin == null || !origins.remove(platform.id(), origin)) {
            throw AdminRefused.notFound(platform.describe() + " has no added service origin '" + origin + "'");
        }
        log.info("{} removed service origin {} from platform {}", who.describe(), origin, platform.describe());
    }
}
