package org.attest.tool.lti;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.attest.tool.lti.internal.ToolConfiguration;
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

    /**
     * Registration failed; the message says at which step and why. A failure in talking to the
     * platform ({@link #remote()}) carries details (status codes, bodies, connection errors) that
     * are for the operator's log only: the anonymous caller sees a plain sentence.
     */
    static class Failed extends Exception {
        private final int status;
        private final boolean remote;

        Failed(int status, String message) {
            this(status, message, false);
        }

        private Failed(int status, String message, boolean remote) {
            super(message);
            this.status = status;
            this.remote = remote;
        }

        /** The platform could not be reached or answered wrongly; the message is for the log. */
        static Failed remote(String detail) {
            return new Failed(502, detail, true);
        }

        int status() {
            return status;
        }

        boolean remote() {
            return remote;
        }
    }

    record Registered(Platform platform, String deploymentId, String productFamily) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final PlatformHttp http;
    private final ToolConfiguration tool;
    private final PlatformRegistry platforms;
    private final PlatformKeySources keySources;
    private final PlatformUrls urls;

    DynamicRegistration(PlatformHttp http, ToolConfiguration tool, PlatformRegistry platforms, PlatformKeySources keySources,
            PlatformUrls urls) {
        this.http = http;
        this.tool = tool;
        this.platforms = platforms;
        this.keySources = keySources;
        this.urls = urls;
    }

    Registered register(String openidConfigurationUrl, String registrationToken) throws Failed {
        if (openidConfigurationUrl == null || openidConfigurationUrl.isBlank()) {
            throw new Failed(400, "the registration request has no openid_configuration parameter; start the registration from the LMS");
        }
        Optional<String> badConfigurationUrl = urls.problem(openidConfigurationUrl);
        if (badConfigurationUrl.isPresent()) {
            throw new Failed(400, "the openid_configuration URL " + badConfigurationUrl.get() + "; start the registration from the LMS");
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
        String tokenEndpoint = text(config, "token_endpoint");
        checkAddresses(openidConfigurationUrl, issuer, authorization, tokenEndpoint, jwks, registrationEndpoint);
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
            throw Failed.remote("the platform's registration endpoint did not answer: " + e.getMessage());
        }
        if (!response.ok()) {
            throw Failed.remote("the platform refused the registration (HTTP " + response.status() + " from "
                    + registrationEndpoint + "): " + response.excerpt());
        }
        JsonNode registered = parse(response.body(), "the registration response from " + registrationEndpoint);
        String clientId = text(registered, "client_id");
        if (clientId == null || clientId.isBlank()) {
            throw Failed.remote("the platform's registration response has no client_id: " + response.excerpt());
        }
        JsonNode toolConfig = registered.path(ToolConfiguration.TOOL_CONFIGURATION);
        String deploymentId = toolConfig.path("deployment_id").isString() ? toolConfig.path("deployment_id").asString()
                : toolConfig.path("deployment_id").isNumber() ? toolConfig.path("deployment_id").asString() : null;
        String name = platformConfig.path("product_family_code").isString() ? platformName(productFamily, issuer) : issuer;
        Platform platform;
        try {
            platform = platforms.register(new PlatformRegistry.Registration(issuer, clientId, name, authorization,
                    tokenEndpoint, jwks, productFamily, Platform.RegisteredBy.DYNAMIC,
                    deploymentId == null ? List.of() : List.of(deploymentId)));
        } catch (PlatformRegistry.AlreadyRegistered e) {
            throw new Failed(409, "Attest already has a platform with issuer " + issuer + " and client id " + clientId
                    + ". Registration never changes a registered platform: nothing was changed. If this LMS's keys or "
                    + "addresses have changed, its administrator changes them on Attest's admin page (Platforms)");
        }
        keySources.evict(platform);
        return new Registered(platform, deploymentId, productFamily);
    }

    /** The issuer must belong at the configuration URL, and every address must be one Attest may store and call. */
    private void checkAddresses(String configurationUrl, String issuer, String authorization, String tokenEndpoint, String jwks,
            String registrationEndpoint) throws Failed {
        Optional<String> wrongIssuer = PlatformUrls.issuerProblem(issuer, configurationUrl);
        if (wrongIssuer.isPresent()) {
            throw new Failed(400, "the platform's OpenID configuration is not acceptable: " + wrongIssuer.get());
        }
        Map<String, String> addresses = new LinkedHashMap<>();
        addresses.put("issuer", issuer);
        addresses.put("authorization_endpoint", authorization);
        addresses.put("token_endpoint", tokenEndpoint);
        addresses.put("jwks_uri", jwks);
        addresses.put("registration_endpoint", registrationEndpoint);
        for (Map.Entry<String, String> address : addresses.entrySet()) {
            Optional<String> bad = address.getValue() == null ? Optional.empty() : urls.problem(address.getValue());
            if (bad.isPresent()) {
                throw new Failed(400, "the platform's OpenID configuration is not acceptable: its " + address.getKey() + " '"
                        + address.getValue() + "' " + bad.get());
            }
        }
    }

    private JsonNode fetchConfiguration(String url, String token) throws Failed {
        PlatformHttp.Response response;
        try {
            response = http.getJson(url, token);
        } catch (PlatformHttp.Unreachable e) {
            throw Failed.remote("the platform's OpenID configuration could not be read: " + e.getMessage());
        }
        if (!response.ok()) {
            throw Failed.remote("the platform's OpenID configuration at " + url + " answered HTTP " + response.status()
                    + (response.status() == 401 || response.status() == 403 ? " (the registration token was refused or has expired; start again from the LMS)" : "")
                    + ": " + response.excerpt());
        }
        return parse(response.body(), "the OpenID configuration at " + url);
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
                throw Failed.remote(what + " is not a JSON object");
            }
            return node;
        } catch (JacksonException e) {
            throw Failed.remote(what + " is not JSON (" + e.getOriginalMessage() + ")");
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
