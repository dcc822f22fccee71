package org.attest.tool.gradebook.web;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.attest.tool.lti.AttestRole;
import org.attest.tool.lti.LtiAuthentication;
import org.attest.tool.lti.LtiPrincipal;
import org.attest.tool.lti.Platform;

/** Launches and platforms for the gradebook's page slices: who asks, from which platform, in what message. */
final class PageAccess {

    static final String SESSION = "slice-session";

    private PageAccess() {
    }

    static LtiAuthentication as(LtiPrincipal principal) {
        return new LtiAuthentication(principal, SESSION);
    }

    static LtiPrincipal launch(UUID platformId, String messageType, AttestRole... roles) {
        Set<AttestRole> granted = EnumSet.noneOf(AttestRole.class);
        granted.addAll(List.of(roles));
        LtiPrincipal.DeepLinking deepLinking = LtiPrincipal.DEEP_LINKING_REQUEST.equals(messageType)
                ? new LtiPrincipal.DeepLinking("https://lms.example/return", List.of("ltiResourceLink"), false, true, null) : null;
        return new LtiPrincipal(platformId, "https://lms.example", "client", "1", messageType, "user-1", "Sam Tutor", null,
                List.of(), granted, "course-1", "LAB", "Lab", "link-1", "Activity", Map.of(), null, null, deepLinking, null, "en",
                Instant.now());
    }

    static LtiPrincipal courseLaunch(AttestRole... roles) {
        return launch(UUID.randomUUID(), LtiPrincipal.RESOURCE_LINK_REQUEST, roles);
    }

    static Platform platform(String name) {
        return new Platform(UUID.randomUUID(), "https://" + name + ".example", "client-" + name, name,
                "https://" + name + ".example/auth", "https://" + name + ".example/token", "https://" + name + ".example/jwks",
                null, null, Platform.RegisteredBy.MANUAL, true, Instant.now(), List.of());
    }
}
