package org.attest.tool.portfolio;

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
}
