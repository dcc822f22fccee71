package org.attest.tool.gradebook.lms;

import java.util.Set;
import java.util.UUID;

/**
 * The LTI services a platform offered at the last launch of one activity (resource link).
 *
 * @param lineItemsUrl the course's AGS line items service, null when the platform offered none
 * @param lineItemUrl the activity's own AGS line item, when the launch named one
 * @param agsScopes the AGS scopes the platform granted for the activity
 * @param membershipsUrl the course's NRPS memberships service, null when the platform offered none
 */
public record LinkService(UUID platformId, String resourceLinkId, String deploymentId, String contextId, String lineItemsUrl,
        String lineItemUrl, Set<String> agsScopes, String membershipsUrl) {

    public LinkService {
        agsScopes = Set.copyOf(agsScopes);
    }

    public boolean grants(String scope) {
        return agsScopes.contains(scope);
    }
}
