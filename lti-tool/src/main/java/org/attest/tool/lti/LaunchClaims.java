package org.attest.tool.lti;

import static org.attest.tool.lti.LaunchFailure.CLAIM_MISSING;
import static org.attest.tool.lti.LaunchValidator.reject;

import com.nimbusds.jwt.JWTClaimsSet;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the LTI claims of an id_token that {@link LaunchValidator} checked into the {@link LtiPrincipal} the rest of
 * Attest sees: the one place that knows the claim names (context, resource link, deep-linking settings, AGS, NRPS,
 * custom parameters); a launch without a claim its message needs is refused.
 */
final class LaunchClaims {

    static final String LTI = "https://purl.imsglobal.org/spec/lti/claim/";
    static final String DL = "https://purl.imsglobal.org/spec/lti-dl/claim/";
    static final String AGS = "https://purl.imsglobal.org/spec/lti-ags/claim/endpoint";
    static final String NRPS = "https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice";

    private LaunchClaims() {
    }

    /** The principal of a launch whose signature, audience, times, nonce, deployment and message type passed; {@code now} is when. */
    static LtiPrincipal principal(JWTClaimsSet claims, Platform platform, String deploymentId, String messageType, Instant now) {
        String subject = claims.getSubject();
        if (subject == null || subject.isBlank()) {
            throw reject(CLAIM_MISSING, "the id_token has no sub (user id); anonymous launches are not supported");
        }
        Object rolesClaim = claims.getClaim(LTI + "roles");
        if (!(rolesClaim instanceof List<?> rawRoles)) {
            throw reject(CLAIM_MISSING, "the id_token has no roles claim (an array, possibly empty)");
        }
        List<String> roles = rawRoles.stream().filter(String.class::isInstance).map(String.class::cast).toList();
        Map<String, Object> context = object(claims, LTI + "context");
        Map<String, Object> link = object(claims, LTI + "resource_link");
        LtiPrincipal.DeepLinking deepLinking = null;
        if (LtiPrincipal.RESOURCE_LINK_REQUEST.equals(messageType)) {
            if (link == null || !(link.get("id") instanceof String id) || id.isBlank()) {
                throw reject(CLAIM_MISSING, "a resource link launch needs the resource_link claim with an id");
            }
        } else {
            Map<String, Object> settings = object(claims, DL + "deep_linking_settings");
            if (settings == null || !(settings.get("deep_link_return_url") instanceof String returnUrl) || returnUrl.isBlank()) {
                throw reject(CLAIM_MISSING, "a deep-linking request needs deep_linking_settings with deep_link_return_url");
            }
            List<String> acceptTypes = settings.get("accept_types") instanceof List<?> types
                    ? types.stream().map(String::valueOf).toList() : List.of();
            deepLinking = new LtiPrincipal.DeepLinking(returnUrl, acceptTypes, Boolean.TRUE.equals(settings.get("accept_multiple")),
                    !Boolean.FALSE.equals(settings.get("accept_lineitem")),
                    settings.get("data") instanceof String data ? data : null);
        }
        Map<String, Object> ags = object(claims, AGS);
        Map<String, Object> nrps = object(claims, NRPS);
        Map<String, Object> presentation = object(claims, LTI + "launch_presentation");
        Map<String, Object> lis = object(claims, LTI + "lis");
        Map<String, String> custom = new LinkedHashMap<>();
        Map<String, Object> customClaim = object(claims, LTI + "custom");
        if (customClaim != null) {
            customClaim.forEach((k, v) -> custom.put(k, String.valueOf(v)));
        }
        return new LtiPrincipal(platform.id(), platform.issuer(), platform.clientId(), deploymentId, messageType, subject,
                string(claims, "name"), string(claims, "email"), roles, LtiRoles.map(roles),
                context == null ? null : str(context.get("id")), context == null ? null : str(context.get("label")),
                context == null ? null : str(context.get("title")),
                link == null ? null : str(link.get("id")), link == null ? null : str(link.get("title")),
                custom,
                ags == null ? null : new LtiPrincipal.AgsEndpoint(
                        ags.get("scope") instanceof List<?> s ? s.stream().map(String::valueOf).toList() : List.of(),
                        str(ags.get("lineitems")), str(ags.get("lineitem"))),
                nrps == null ? null : str(nrps.get("context_memberships_url")),
                deepLinking,
                presentation == null ? null : str(presentation.get("return_url")),
                presentation == null ? null : str(presentation.get("locale")),
                now, lis == null ? null : str(lis.get("person_sourcedid")));
    }

    static String string(JWTClaimsSet claims, String name) {
        Object value = claims.getClaim(name);
        return value instanceof String s ? s : null;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(JWTClaimsSet claims, String name) {
        Object value = claims.getClaim(name);
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
    }

    private static String str(Object o) {
        return o == null ? null : String.valueOf(o);
    }
}
