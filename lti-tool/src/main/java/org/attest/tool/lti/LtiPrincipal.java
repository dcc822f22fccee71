package org.attest.tool.lti;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Who launched, from where, into what: the validated claims of one LTI launch, kept for the pages
 * of that launch and for later services (AGS, NRPS). The rest of Attest sees this as the
 * authenticated principal. {@code personSourcedId} is the LIS claim's {@code person_sourcedid}, the student record
 * system's id of the person (Moodle sends the user's ID number), or null.
 */
public record LtiPrincipal(
        UUID platformId,
        String issuer,
        String clientId,
        String deploymentId,
        String messageType,
        String subject,
        String name,
        String email,
        List<String> ltiRoles,
        Set<AttestRole> roles,
        String contextId,
        String contextLabel,
        String contextTitle,
        String resourceLinkId,
        String resourceLinkTitle,
        Map<String, String> custom,
        AgsEndpoint ags,
        String nrpsMembershipsUrl,
        DeepLinking deepLinking,
        String returnUrl,
        String locale,
        Instant launchedAt,
        String personSourcedId) {

    /** A principal without the LIS person sourcedId (launches that do not carry it, EQAs, API callers, tests). */
    public LtiPrincipal(UUID platformId, String issuer, String clientId, String deploymentId, String messageType,
            String subject, String name, String email, List<String> ltiRoles, Set<AttestRole> roles, String contextId,
            String contextLabel, String contextTitle, String resourceLinkId, String resourceLinkTitle,
            Map<String, String> custom, AgsEndpoint ags, String nrpsMembershipsUrl, DeepLinking deepLinking,
            String returnUrl, String locale, Instant launchedAt) {
        this(platformId, issuer, clientId, deploymentId, messageType, subject, name, email, ltiRoles, roles, contextId,
                contextLabel, contextTitle, resourceLinkId, resourceLinkTitle, custom, ags, nrpsMembershipsUrl,
                deepLinking, returnUrl, locale, launchedAt, null);
    }

    public static final String RESOURCE_LINK_REQUEST = "LtiResourceLinkRequest";
    public static final String DEEP_LINKING_REQUEST = "LtiDeepLinkingRequest";

    /** The Assignment and Grade Services claim, when the platform offers it. */
    public record AgsEndpoint(List<String> scopes, String lineItems, String lineItem) {
    }

    /** The deep-linking settings of an {@code LtiDeepLinkingRequest}. */
    public record DeepLinking(String returnUrl, List<String> acceptTypes, boolean acceptMultiple, boolean acceptLineItem,
            String data) {
    }

    public boolean has(AttestRole role) {
        return roles.contains(role);
    }

    public boolean requestsDeepLinking() {
        return DEEP_LINKING_REQUEST.equals(messageType);
    }

    /** A name to show: the person's name, else their email, else their platform user id. */
    public String displayName() {
        return name != null && !name.isBlank() ? name : email != null && !email.isBlank() ? email : "user " + subject;
    }

    /** Who this is, for the log: name, issuer and platform user id. */
    public String describe() {
        return displayName() + " (" + issuer + (subject == null ? "" : " user " + subject) + ")";
    }
}
