package org.attest.tool.lti;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
        URI base = properties.baseUrl();
        lti.put("domain", base.getHost() + (base.getPort() == -1 ? "" : ":" + base.getPort()));
        lti.put("description", DESCRIPTION);
        lti.put("target_link_uri", launchUrl());
        lti.put("claims", List.of("iss", "sub", "name", "given_name", "family_name", "email"));
        lti.put("messages", List.of(
                message("LtiResourceLinkRequest", "Attest portfolio", List.of("course_navigation")),
                message("LtiDeepLinkingRequest", "Add an Attest unit", List.of("link_selection", "assignment_selection"))));
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
