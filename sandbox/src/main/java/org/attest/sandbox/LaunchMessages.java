package org.attest.sandbox;

import com.nimbusds.jwt.JWTClaimsSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The id_tokens the sandbox sends, claim for claim shaped like Moodle 5.0's (aud a plain string,
 * no azp, 60 s lifetime, roles as full URIs, AGS URLs with a query string), signed with the
 * sandbox's keys.
 */
@Component
@ConditionalOnSandbox
class LaunchMessages {

    static final String LTI = "https://purl.imsglobal.org/spec/lti/claim/";
    static final String DL = "https://purl.imsglobal.org/spec/lti-dl/claim/";
    static final String AGS = "https://purl.imsglobal.org/spec/lti-ags/claim/endpoint";
    static final String NRPS = "https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice";
    static final String RESOURCE_LINK_REQUEST = "LtiResourceLinkRequest";
    static final String DEEP_LINKING_REQUEST = "LtiDeepLinkingRequest";
    static final String DEEP_LINKING_RESPONSE = "LtiDeepLinkingResponse";
    static final String VERSION = "0.1.0";
    static final Duration LIFETIME = Duration.ofSeconds(60);
    static final List<String> AGS_SCOPES = List.of(
            "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem",
            "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem.readonly",
            "https://purl.imsglobal.org/spec/lti-ags/scope/result.readonly",
            "https://purl.imsglobal.org/spec/lti-ags/scope/score");
    static final String NRPS_SCOPE = "https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly";
    /** What the sandbox puts in {@code deep_linking_settings.data}; the tool must send it back unchanged. */
    static final String DEEP_LINKING_DATA_PREFIX = "sandbox-deep-link:";

    private final SandboxProperties properties;
    private final SandboxKeys keys;
    private final LineItems lineItems;
    private final Clock clock;

    LaunchMessages(SandboxProperties properties, SandboxKeys keys, LineItems lineItems, Clock clock) {
        this.lineItems = lineItems;
        this.properties = properties;
        this.keys = keys;
        this.clock = clock;
    }

    /** A learner or instructor opens a placed activity. */
    String resourceLinkRequest(ToolRegistrations.ToolRegistration tool, SandboxCourse course, SandboxCourse.Member user,
            SandboxLinks.Link link, String nonce) {
        Map<String, Object> resourceLink = new LinkedHashMap<>();
        resourceLink.put("id", link.id());
        resourceLink.put("title", link.title());
        Map<String, Object> presentation = new LinkedHashMap<>();
        presentation.put("locale", "en");
        presentation.put("document_target", "iframe");
        presentation.put("return_url", UriComponentsBuilder.fromUriString(properties.url("/return"))
                .queryParam("link", link.id()).encode().toUriString());
        Map<String, Object> ags = new LinkedHashMap<>();
        ags.put("scope", AGS_SCOPES);
        ags.put("lineitems", lineItemsUrl(tool, course));
        // as in Moodle, an activity without a grade column gets no lineitem claim
        lineItems.forLink(course.id(), link.id()).ifPresent(item ->
                ags.put("lineitem", properties.lineItemUrl(item, tool.deploymentId())));
        return keys.sign(common(tool, course, user, nonce, RESOURCE_LINK_REQUEST)
                .claim(LTI + "target_link_uri", link.url() != null ? link.url() : tool.targetLinkUri())
                .claim(LTI + "resource_link", resourceLink)
                .claim(LTI + "custom", custom(link, user))
                .claim(LTI + "launch_presentation", presentation)
                .claim(AGS, ags)
                .build());
    }

    /**
     * The activity's custom parameters, and for a learner their employer and assessment site: a real LMS sends what
     * the centre set on the course or activity; the sandbox, with one course, sends each learner's own.
     */
    private static Map<String, Object> custom(SandboxLinks.Link link, SandboxCourse.Member user) {
        Map<String, Object> custom = new LinkedHashMap<>(link.custom());
        if (user.employer() != null) {
            custom.putIfAbsent("employer", user.employer());
        }
        if (user.site() != null) {
            custom.putIfAbsent("site", user.site());
        }
        return custom;
    }

    /** An instructor asks the tool for activities to place in the course. */
    String deepLinkingRequest(ToolRegistrations.ToolRegistration tool, SandboxCourse course, SandboxCourse.Member user,
            String nonce) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("accept_types", List.of("ltiResourceLink"));
        settings.put("accept_presentation_document_targets", List.of("iframe", "window"));
        settings.put("accept_copy_advice", false);
        settings.put("accept_multiple", true);
        settings.put("accept_unsigned", false);
        settings.put("accept_lineitem", true);
        settings.put("auto_create", true);
        settings.put("can_confirm", false);
        settings.put("deep_link_return_url", properties.url("/deep-link-return"));
        settings.put("title", course.title());
        settings.put("text", "");
        settings.put("data", DEEP_LINKING_DATA_PREFIX + user.id());
        Map<String, Object> ags = new LinkedHashMap<>();
        ags.put("scope", AGS_SCOPES);
        ags.put("lineitems", lineItemsUrl(tool, course));
        return keys.sign(common(tool, course, user, nonce, DEEP_LINKING_REQUEST)
                .claim(LTI + "target_link_uri", tool.targetLinkUri())
                .claim(LTI + "launch_presentation", Map.of("locale", "en"))
                .claim(AGS, ags)
                .claim(DL + "deep_linking_settings", settings)
                .build());
    }

    private JWTClaimsSet.Builder common(ToolRegistrations.ToolRegistration tool, SandboxCourse course, SandboxCourse.Member user,
            String nonce, String messageType) {
        Instant now = clock.instant();
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("id", course.id());
        context.put("label", course.label());
        context.put("title", course.title());
        context.put("type", List.of(course.type()));
        Map<String, Object> nrps = new LinkedHashMap<>();
        nrps.put("context_memberships_url", properties.membershipsUrl(course.id(), tool.deploymentId()));
        nrps.put("service_versions", List.of("1.0", "2.0"));
        Map<String, Object> platform = new LinkedHashMap<>();
        platform.put("product_family_code", properties.lms().productFamily());
        platform.put("version", VERSION);
        platform.put("guid", "attest-sandbox-" + properties.baseUrl().getHost());
        platform.put("name", "Attest sandbox");
        platform.put("description", "The development LMS that comes with Attest");
        return new JWTClaimsSet.Builder()
                .claim("nonce", nonce)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(LIFETIME)))
                .issuer(properties.issuer())
                .audience(tool.clientId())
                .claim(LTI + "deployment_id", tool.deploymentId())
                .subject(user.id())
                .claim(LTI + "lis", Map.of("person_sourcedid", user.id().toUpperCase(Locale.ROOT),
                        "course_section_sourcedid", course.label()))
                .claim(LTI + "roles", user.roles())
                .claim(LTI + "context", context)
                .claim(LTI + "message_type", messageType)
                .claim("given_name", user.givenName())
                .claim("family_name", user.familyName())
                .claim("name", user.name())
                .claim("email", user.email())
                .claim(LTI + "tool_platform", platform)
                .claim(LTI + "version", "1.3.0")
                .claim(NRPS, nrps)
                .jwtID(UUID.randomUUID().toString());
    }

    private String lineItemsUrl(ToolRegistrations.ToolRegistration tool, SandboxCourse course) {
        return properties.lineItemsUrl(course.id(), tool.deploymentId());
    }
}
