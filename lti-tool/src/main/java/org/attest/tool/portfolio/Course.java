package org.attest.tool.portfolio;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import org.attest.tool.lti.LtiPrincipal;

/** A course in one tenant: every portfolio query is scoped to one of these. */
public record Course(UUID platformId, String deploymentId, String contextId) {

    public static Course of(LtiPrincipal user) {
        if (user.platformId() == null || user.deploymentId() == null || user.contextId() == null) {
            throw PortfolioRefused.invalid("this launch carries no course; open Attest from a course in your LMS");
        }
        return new Course(user.platformId(), user.deploymentId(), user.contextId());
    }

    /**
     * The course as one URL path segment (the tool keeps no course table: a course is its platform, deployment and
     * LMS context): base64url of the three, so any context id fits. {@link #fromKey} reads it back.
     */
    public String key() {
        String joined = platformId + "\n" + deploymentId + "\n" + contextId;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(joined.getBytes(StandardCharsets.UTF_8));
    }

    /** The course a {@link #key} names; empty for anything that is not one. */
    public static Optional<Course> fromKey(String key) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(key == null ? "" : key), StandardCharsets.UTF_8)
                    .split("\n", -1);
            if (parts.length != 3 || parts[1].isEmpty() || parts[2].isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new Course(UUID.fromString(parts[0]), parts[1], parts[2]));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
