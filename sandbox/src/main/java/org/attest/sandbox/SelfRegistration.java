package org.attest.sandbox;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Registers Attest with the sandbox the way an operator would with a real LMS: through a one-time
 * Dynamic Registration URL of Attest's, given the sandbox's OpenID configuration and a fresh
 * registration token. The one-time URL comes from Attest's token API ({@link ToolApi}) and works only for the
 * sandbox's own configuration URL, so registration stays closed to everyone else. On start the
 * sandbox fetches that URL itself; the "Register Attest again" button opens a fresh one in the browser.
 */
@Component
@ConditionalOnSandbox
class SelfRegistration {

    /** What came of a registration attempt; {@code detail} says why it failed. */
    record Outcome(boolean registered, String detail) {
    }

    private final SandboxProperties properties;
    private final RegistrationTokens tokens;
    private final ToolRegistrations tools;
    private final ToolApi api;

    SelfRegistration(SandboxProperties properties, RegistrationTokens tokens, ToolRegistrations tools, ToolApi api) {
        this.properties = properties;
        this.tokens = tokens;
        this.tools = tools;
        this.api = api;
    }

    /**
     * The newest registration Attest completed with the sandbox (it posted its client registration here): of the tools
     * registered, the newest whose login and keys are on Attest's origin ({@code attest.sandbox.tool-url}).
     */
    Optional<ToolRegistrations.ToolRegistration> current() {
        return tools.newestFirst(properties.issuer()).stream()
                .filter(r -> onTool(r.initiateLoginUri()) && onTool(r.jwksUri()))
                .findFirst();
    }

    private boolean onTool(String url) {
        try {
            URI uri = URI.create(url);
            URI tool = properties.toolUrl();
            return tool.getScheme().equalsIgnoreCase(String.valueOf(uri.getScheme()))
                    && tool.getHost().equalsIgnoreCase(String.valueOf(uri.getHost())) && port(tool) == port(uri);
        } catch (IllegalArgumentException | NullPointerException e) {
            return false;
        }
    }

    private static int port(URI uri) {
        return uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    /** A one-time Dynamic Registration URL of Attest's for the sandbox's configuration, with a registration token minted for it. */
    String registrationUrl() throws ToolApi.Failed {
        String configuration = properties.url(PlatformController.OPENID_CONFIGURATION);
        return UriComponentsBuilder.fromUriString(api.registrationUrl(configuration))
                .queryParam("openid_configuration", "{configuration}")
                .queryParam("registration_token", "{token}")
                .encode()
                .buildAndExpand(configuration, tokens.mint())
                .toUriString();
    }

    /** Does the tool-side flow over HTTP, as the admin's browser would, and checks that Attest registered with the sandbox. */
    Outcome register() {
        Optional<String> before = current().map(ToolRegistrations.ToolRegistration::clientId);
        String url;
        try {
            url = registrationUrl();
        } catch (ToolApi.Failed e) {
            return new Outcome(false, "no registration URL from Attest: " + e.getMessage());
        }
        HttpResponse<String> response;
        try {
            response = api.open(url, "GET /lti/register/...");
        } catch (ToolApi.Failed e) {
            return new Outcome(false, e.getMessage());
        }
        Optional<String> after = current().map(ToolRegistrations.ToolRegistration::clientId);
        if (response.statusCode() == 200 && after.isPresent() && !after.equals(before)) {
            return new Outcome(true, "registered");
        }
        return new Outcome(false, "GET " + properties.tool() + "/lti/register/... answered HTTP " + response.statusCode()
                + " and Attest did not complete a registration with the sandbox: " + excerpt(response.body()));
    }
    /** The visible text at the start of an HTML page, for the log. */
    private static String excerpt(String html) {
        String text = html == null ? "" : html.replaceAll("(?s)<(script|style)[^>]*>.*?</\\1>", " ")
                .replaceAll("<[^>]+>", " ").replaceAll("\\s+", " ").trim();
        return text.length() > 400 ? text.substring(0, 400) + "..." : text;
    }
}
