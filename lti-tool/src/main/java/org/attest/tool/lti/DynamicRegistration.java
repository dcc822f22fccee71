package org.attest.tool.lti;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The tool's side of LTI Dynamic Registration 1.0: read the platform's OpenID configuration,
 * check its issuer against the URL it came from, POST Attest's client registration with the
 * registration token, and store the platform with the client id and deployment it returns.
 */
@Service
class DynamicRegistration {

    /** Registration failed; the message says at which step and why. */
    static class Failed extends Exception {
        private final int status;

        Failed(int status, String message) {
            super(message);
            this.status = status;
        }

        int status() {
            return status;
        }
    }

    record Registered(Platform platform, String deploymentId, String productFamily) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final PlatformHttp http;
    private final ToolConfiguration tool;
    private final PlatformRegistry platforms;
    private final PlatformKeySources keySources;

    DynamicRegistration(PlatformHttp http, ToolConfiguration tool, PlatformRegistry platforms, PlatformKeySources keySources) {
        this.http = http;
        this.tool = tool;
        this.platforms = platforms;
        this.keySources = keySources;
    }

    Registered register(String openidConfigurationUrl, String registrationToken) throws Failed {
        if (openidConfigurationUrl == null || openidConfigurationUrl.isBlank()) {
            throw new Failed(400, "the registration request has no openid_configuration parameter; start the registration from the LMS");
        }
        JsonNode config = fetchConfiguration(openidConfigurationUrl, registrationToken);
        String issuer = text(config, "issuer");
        String authorization = text(config, "authorization_endpoint");
        String jwks = text(config, "jwks_uri");
        String registrationEndpoint = text(config, "registration_endpoint");
        for (Map.Entry<String, String> required : Map.of("issuer", nz(issuer), "authorization_endpoint", nz(authorization),
                "jwks_uri", nz(jwks), "registration_endpoint", nz(registrationEndpoint)).entrySet()) {
            if (required.getValue().isEmpty()) {
                throw new Failed(400, "the platform's OpenID configuration at " + openidConfigurationUrl + " has no "
                        + required.getKey() + "; Attest cannot register without it");
            }
        }
        checkIssuer(issuer, openidConfigurationUrl);
        JsonNode platformConfig = config.path(ToolConfiguration.PLATFORM_CONFIGURATION);
        String productFamily = platformConfig.path("product_family_code").isString()
                ? platformConfig.path("product_family_code").asString() : null;
        List<String> scopes = config.path("scopes_supported").isArray()
                ? config.path("scopes_supported").valueStream().filter(JsonNode::isString).map(JsonNode::asString).toList()
                : List.of();
        PlatformHttp.Response response;
        try {
            response = http.postJson(registrationEndpoint, JSON.writeValueAsString(tool.clientRegistration(scopes)), registrationToken);
        } catch (PlatformHttp.Unreachable e) {
            throw new Failed(502, "the platform's registration endpoint did not answer: " + e.getMessage());
        }
        if (!response.ok()) {
            throw new Failed(502, "the platform refused the registration (HTTP " + response.status() + " from "
                    + registrationEndpoint + "): " + response.excerpt());
        }
        JsonNode registered = parse(response.body(), "the registration response from " + registrationEndpoint);
        String clientId = text(registered, "client_id");
        if (clientId == null || clientId.isBlank()) {
            throw new Failed(502, "the platform's registration response has no client_id: " + response.excerpt());
        }
        JsonNode toolConfig = registered.path(ToolConfiguration.TOOL_CONFIGURATION);
        String deploymentId = toolConfig.path("deployment_id").isString() ? toolConfig.path("deployment_id").asString()
                : toolConfig.path("deployment_id").isNumber() ? toolConfig.path("deployment_id").asString() : null;
        String name = platformConfig.path("product_family_code").isString() ? platformName(productFamily, issuer) : issuer;
        Platform platform = platforms.register(new PlatformRegistry.Registration(issuer, clientId, name, authorization,
                text(config, "token_endpoint"), jwks, productFamily, Platform.RegisteredBy.DYNAMIC,
                deploymentId == null ? List.of() : List.of(deploymentId)));
        keySources.evict(platform);
        return new Registered(platform, deploymentId, productFamily);
    }

    private JsonNode fetchConfiguration(String url, String token) throws Failed {
        PlatformHttp.Response response;
        try {
            response = http.getJson(url, token);
        } catch (PlatformHttp.Unreachable e) {
            throw new Failed(502, "the platform's OpenID configuration could not be read: " + e.getMessage());
        }
        if (!response.ok()) {
            throw new Failed(502, "the platform's OpenID configuration at " + url + " answered HTTP " + response.status()
                    + (response.status() == 401 || response.status() == 403 ? " (the registration token was refused or has expired; start again from the LMS)" : "")
                    + ": " + response.excerpt());
        }
        return parse(response.body(), "the OpenID configuration at " + url);
    }

    /** The issuer must be the configuration URL's prefix, or share its registrable domain (Canvas serves it per institution). */
    private static void checkIssuer(String issuer, String configurationUrl) throws Failed {
        URI i;
        URI c;
        try {
            i = URI.create(issuer);
            c = URI.create(configurationUrl);
        } catch (IllegalArgumentException e) {
            throw new Failed(400, "the platform's issuer '" + issuer + "' is not a URL");
        }
        if (i.getHost() == null || c.getHost() == null) {
            throw new Failed(400, "the platform's issuer '" + issuer + "' is not an absolute URL");
        }
        boolean prefix = configurationUrl.startsWith(issuer);
        boolean sameDomain = i.getScheme().equals(c.getScheme()) && registrableDomain(i.getHost()).equals(registrableDomain(c.getHost()));
        if (!prefix && !sameDomain) {
            throw new Failed(400, "the OpenID configuration at " + configurationUrl + " names issuer " + issuer
                    + ", which is on another site; refusing to register a platform that claims another's identity");
        }
    }

    static String registrableDomain(String host) {
        String[] labels = host.toLowerCase(java.util.Locale.ROOT).split("\\.");
        if (labels.length <= 2 || host.chars().allMatch(ch -> Character.isDigit(ch) || ch == '.')) {
            return host.toLowerCase(java.util.Locale.ROOT);
        }
        boolean twoPartSuffix = labels[labels.length - 2].length() <= 3 && labels[labels.length - 1].length() == 2; // ac.uk, co.uk
        int keep = twoPartSuffix ? 3 : 2;
        return String.join(".", java.util.Arrays.copyOfRange(labels, labels.length - keep, labels.length));
    }

    private static String platformName(String productFamily, String issuer) {
        String family = switch (productFamily) {
            case "moodle" -> "Moodle";
            case "canvas" -> "Canvas";
            case "attest-sandbox" -> "Attest sandbox";
            default -> productFamily;
        };
        return family + " at " + URI.create(issuer).getHost();
    }

    private static JsonNode parse(String body, String what) throws Failed {
        try {
            JsonNode node = JSON.readTree(body == null ? "" : body);
            if (node == null || !node.isObject()) {
                throw new Failed(502, what + " is not a JSON object");
            }
            return node;
        } catch (JacksonException e) {
            throw new Failed(502, what + " is not JSON (" + e.getOriginalMessage() + ")");
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isString() ? value.asString() : null;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
