package org.attest.sandbox;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import org.attest.tool.lti.LtiProperties;
import org.attest.tool.lti.OneTimeTokens;
import org.attest.tool.lti.Platform;
import org.attest.tool.lti.PlatformRegistry;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Registers Attest with the sandbox the way an operator would with a real LMS: through a one-time
 * Dynamic Registration URL of Attest's, given the sandbox's OpenID configuration and a fresh
 * registration token. The one-time URL is minted here, in process, and works only for the
 * sandbox's own configuration URL, so registration stays closed to everyone else. On start the
 * sandbox fetches that URL itself; the "Register Attest again" button opens a fresh one in the browser.
 */
@Component
@ConditionalOnSandbox
class SelfRegistration {

    /** What came of a registration attempt; {@code detail} says why it failed. */
    record Outcome(boolean registered, String detail) {
    }

    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final SandboxProperties properties;
    private final LtiProperties tool;
    private final RegistrationTokens tokens;
    private final ToolRegistrations tools;
    private final PlatformRegistry platforms;
    private final OneTimeTokens oneTimeTokens;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    SelfRegistration(SandboxProperties properties, LtiProperties tool, RegistrationTokens tokens, ToolRegistrations tools,
            PlatformRegistry platforms, OneTimeTokens oneTimeTokens) {
        this.oneTimeTokens = oneTimeTokens;
        this.properties = properties;
        this.tool = tool;
        this.tokens = tokens;
        this.tools = tools;
        this.platforms = platforms;
    }

    /** The platform record Attest keeps for the sandbox, once registered. */
    Optional<Platform> platform() {
        return current().flatMap(r -> platforms.find(properties.issuer(), r.clientId()));
    }

    Optional<ToolRegistrations.ToolRegistration> current() {
        return tools.newestFirst(properties.issuer()).stream()
                .filter(r -> platforms.find(properties.issuer(), r.clientId())
                        .filter(Platform::enabled)
                        .filter(p -> p.hasDeployment(r.deploymentId()))
                        .isPresent())
                .findFirst();
    }

    /** A one-time Dynamic Registration URL of Attest's for the sandbox's configuration, with a registration token minted for it. */
    String registrationUrl() {
        String configuration = properties.url(PlatformController.OPENID_CONFIGURATION);
        String oneTime = oneTimeTokens.mintFor(OneTimeTokens.Purpose.REGISTRATION, RegistrationTokens.VALID_FOR, configuration);
        return UriComponentsBuilder.fromUriString(tool.baseUrlString() + "/lti/register/" + oneTime)
                .queryParam("openid_configuration", "{configuration}")
                .queryParam("registration_token", "{token}")
                .encode()
                .buildAndExpand(configuration, tokens.mint())
                .toUriString();
    }

    /** Does the tool-side flow over HTTP, as the admin's browser would, and checks that Attest now knows the sandbox. */
    Outcome register() {
        String url = registrationUrl();
        HttpResponse<String> response;
        try {
            response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return new Outcome(false, "Attest's registration URL " + tool.baseUrlString() + "/lti/register/... could not be reached ("
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(false, "interrupted while registering with Attest");
        }
        if (current().isPresent()) {
            return new Outcome(true, "registered");
        }
        return new Outcome(false, "GET " + tool.baseUrlString() + "/lti/register/... answered HTTP " + response.statusCode()
                + " and Attest has no platform for " + properties.issuer() + " with the sandbox's client id and deployment "
                + ClientRegistrations.DEPLOYMENT_ID + ": " + excerpt(response.body()));
    }

    /** The visible text at the start of an HTML page, for the log. */
    private static String excerpt(String html) {
        String text = html == null ? "" : html.replaceAll("(?s)<(script|style)[^>]*>.*?</\\1>", " ")
                .replaceAll("<[^>]+>", " ").replaceAll("\\s+", " ").trim();
        return text.length() > 400 ? text.substring(0, 400) + "..." : text;
    }
}
