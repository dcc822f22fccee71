package org.attest.tool.lti.internal;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.attest.tool.lti.LtiProperties;
import org.springframework.stereotype.Component;

/**
 * What Attest tells a platform about itself: the OpenID client registration of LTI Dynamic
 * Registration (messages with labels and icon, the AGS and NRPS scopes it uses, the claims it
 * wants, Canvas's privacy level and placements).
 */
@Component
public class ToolConfiguration {

    public static final String TOOL_CONFIGURATION = "https://purl.imsglobal.org/spec/lti-tool-configuration";
    public static final String PLATFORM_CONFIGURATION = "https://purl.imsglobal.org/spec/lti-platform-configuration";
    public static final List<String> SCOPES = List.of(
            "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem",
            "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem.readonly",
            "https://purl.imsglobal.org/spec/lti-ags/scope/result.readonly",
            "https://purl.imsglobal.org/spec/lti-ags/scope/score",
            "https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly");
    static final String NAME = "Attest";
    static final String RESOURCE_LINK_LABEL = "Attest portfolio";
    static final String DEEP_LINKING_LABEL = "Add an Attest unit";
    static final String DESCRIPTION = "Vocational qualification e-portfolio: evidence mapped to unit criteria, assessed, signed off and verified.";

    private final LtiProperties properties;

    ToolConfiguration(LtiProperties properties) {
        this.properties = properties;
    }

    public String launchUrl() {
        return properties.baseUrlString() + "/lti/launch";
    }

    public String loginUrl() {
        return properties.baseUrlString() + "/lti/login";
    }

    public String jwksUrl() {
        return properties.baseUrlString() + "/.well-known/jwks.json";
    }

    public String iconUrl() {
        return properties.baseUrlString() + "/icon.svg";
    }

    /** Where an LMS starts Dynamic Registration without a one-time URL (works only while attest.registration.open is true). */
    public String registrationUrl() {
        return properties.baseUrlString() + "/lti/register";
    }

    /** The open Dynamic Registration URL, if this server accepts registrations without a one-time URL. */
    public Optional<String> openRegistrationUrl() {
        return properties.registration().open() ? Optional.of(registrationUrl()) : Optional.empty();
    }

    public String oneTimeRegistrationUrl(String token) {
        return registrationUrl() + "/" + token;
    }

    public String canvasConfigurationUrl() {
        return properties.baseUrlString() + "/lti/canvas.json";
    }

    /** The tool's host (and port, if not the scheme's default), as LMSs match launch and redirect URLs against it. */
    public String domain() {
        URI base = properties.baseUrl();
        return base.getHost() + (base.getPort() == -1 ? "" : ":" + base.getPort());
    }

    /** Canvas's "LTI 1.3 JSON configuration" for a developer key, served at {@link #canvasConfigurationUrl()}. */
    public Map<String, Object> canvasConfiguration() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("text", NAME);
        settings.put("icon_url", iconUrl());
        settings.put("placements", List.of(
                canvasPlacement("link_selection", "LtiDeepLinkingRequest", DEEP_LINKING_LABEL),
                canvasPlacement("assignment_selection", "LtiDeepLinkingRequest", DEEP_LINKING_LABEL),
                canvasPlacement("course_navigation", "LtiResourceLinkRequest", RESOURCE_LINK_LABEL)));
        Map<String, Object> canvas = new LinkedHashMap<>();
        canvas.put("platform", "canvas.instructure.com");
        canvas.put("privacy_level", "public");
        canvas.put("domain", domain());
        canvas.put("tool_id", "attest");
        canvas.put("settings", settings);
        Map<String, Object> configuration = new LinkedHashMap<>();
        configuration.put("title", NAME);
        configuration.put("description", DESCRIPTION);
        configuration.put("oidc_initiation_url", loginUrl());
        configuration.put("target_link_uri", launchUrl());
        configuration.put("public_jwk_url", jwksUrl());
        configuration.put("scopes", SCOPES);
        configuration.put("extensions", List.of(canvas));
        configuration.put("custom_fields", Map.of());
        return configuration;
    }

    private Map<String, Object> canvasPlacement(String placement, String messageType, String text) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("placement", placement);
        p.put("message_type", messageType);
        p.put("target_link_uri", launchUrl());
        p.put("text", text);
        p.put("icon_url", iconUrl());
        return p;
    }

    /** The client registration to POST to the platform's registration endpoint, asking only for scopes it supports. */
    public Map<String, Object> clientRegistration(List<String> platformScopes) {
        List<String> scopes = new ArrayList<>(SCOPES);
        if (platformScopes != null && !platformScopes.isEmpty()) {
            scopes.retainAll(platformScopes);
        }
        Map<String, Object> registration = new LinkedHashMap<>();
        registration.put("application_type", "web");
        registration.put("response_types", List.of("id_token"));
        registration.put("grant_types", List.of("implicit", "client_credentials"));
        registration.put("initiate_login_uri", loginUrl());
        registration.put("redirect_uris", List.of(launchUrl()));
        registration.put("client_name", NAME);
        registration.put("jwks_uri", jwksUrl());
        registration.put("logo_uri", iconUrl());
        registration.put("token_endpoint_auth_method", "private_key_jwt");
        registration.put("scope", String.join(" ", scopes));
        Map<String, Object> lti = new LinkedHashMap<>();
        lti.put("domain", domain());
        lti.put("description", DESCRIPTION);
        lti.put("target_link_uri", launchUrl());
        lti.put("claims", List.of("iss", "sub", "name", "given_name", "family_name", "email"));
        lti.put("messages", List.of(
                message("LtiResourceLinkRequest", RESOURCE_LINK_LABEL, List.of("course_navigation")),
                message("LtiDeepLinkingRequest", DEEP_LINKING_LABEL, List.of("link_selection", "assignment_selection"))));
        lti.put("https://canvas.instructure.com/lti/privacy_level", "public");
        registration.put(TOOL_CONFIGURATION, lti);
        return registration;
    }

    private Map<String, Object> message(String type, String label, List<String> placements) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", type);
        m.put("target_link_uri", launchUrl());
        m.put("label", label);
        m.put("icon_uri", iconUrl());
        m.put("placements", placements);
        if (type.equals("LtiDeepLinkingRequest")) {
            m.put("supported_types", List.of("ltiResourceLink"));
        }
        return m;
    }
}
