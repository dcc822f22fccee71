package org.attest.sandbox;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The platform side of LTI Dynamic Registration: a tool posts its OpenID client registration with
 * the one-time registration token as a bearer token; the sandbox checks both, makes a client id,
 * gives the tool deployment {@value #DEPLOYMENT_ID} and answers with the registration as stored.
 */
@Component
@ConditionalOnSandbox
class ClientRegistrations {

    static final String TOOL_CONFIGURATION = "https://purl.imsglobal.org/spec/lti-tool-configuration";
    static final String DEPLOYMENT_ID = "1";

    /** The answer to a registration request: a status and a JSON body (the registration, or an OAuth error). */
    record Answer(int status, String json) {
    }

    /** A request the sandbox refuses, with the OAuth error code and what was wrong. */
    private static final class Refusal extends Exception {
        private final int status;
        private final String code;

        Refusal(int status, String code, String description) {
            super(description);
            this.status = status;
            this.code = code;
        }
    }

    /** Limits that keep a registration within the sandbox_registration columns. */
    static final int MAX_REGISTRATION_CHARS = 30_000;
    static final int MAX_URL_CHARS = 1_000;
    static final int MAX_NAME_CHARS = 255;
    static final int MAX_REDIRECT_URIS = 3;

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALPHANUMERIC = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    private final SandboxProperties properties;
    private final RegistrationTokens tokens;
    private final ToolRegistrations tools;
    private final Clock clock;

    ClientRegistrations(SandboxProperties properties, RegistrationTokens tokens, ToolRegistrations tools, Clock clock) {
        this.properties = properties;
        this.tokens = tokens;
        this.tools = tools;
        this.clock = clock;
    }

    Answer register(String authorization, String body) {
        try {
            String token = bearer(authorization);
            if (!tokens.isValid(token)) {
                throw invalidToken();
            }
            JsonNode request = parse(body);
            ToolRegistrations.ToolRegistration registration = check(request);
            if (!tokens.consume(token)) {
                throw invalidToken();
            }
            ObjectNode answer = ((ObjectNode) request).deepCopy();
            answer.put("client_id", registration.clientId());
            answer.put("scope", registration.scope());
            ((ObjectNode) answer.get(TOOL_CONFIGURATION)).put("deployment_id", registration.deploymentId());
            tools.save(registration, JSON.writeValueAsString(request));
            return new Answer(201, JSON.writeValueAsString(answer));
        } catch (Refusal r) {
            ObjectNode error = JSON.createObjectNode();
            error.put("error", r.code);
            error.put("error_description", r.getMessage());
            return new Answer(r.status, JSON.writeValueAsString(error));
        }
    }

    private static String bearer(String authorization) throws Refusal {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7) || authorization.length() <= 7) {
            throw new Refusal(401, "invalid_token", "the registration request needs the header 'Authorization: Bearer <registration token>' "
                    + "with the registration_token the sandbox put in the registration URL");
        }
        return authorization.substring(7).trim();
    }

    private static Refusal invalidToken() {
        return new Refusal(401, "invalid_token", "the registration token is unknown, used already or older than "
                + RegistrationTokens.VALID_FOR.toMinutes() + " minutes; start the registration again from the sandbox page");
    }

    private static JsonNode parse(String body) throws Refusal {
        if (body != null && body.length() > MAX_REGISTRATION_CHARS) {
            throw new Refusal(400, "invalid_client_metadata", "the client registration is " + body.length()
                    + " characters; the sandbox takes at most " + MAX_REGISTRATION_CHARS);
        }
        try {
            JsonNode node = JSON.readTree(body == null ? "" : body);
            if (node == null || !node.isObject()) {
                throw new Refusal(400, "invalid_client_metadata", "the client registration must be a JSON object");
            }
            return node;
        } catch (JacksonException e) {
            throw new Refusal(400, "invalid_client_metadata", "the client registration is not JSON (" + e.getOriginalMessage() + ")");
        }
    }

    private ToolRegistrations.ToolRegistration check(JsonNode request) throws Refusal {
        JsonNode applicationType = request.path("application_type");
        if (!applicationType.isMissingNode() && !"web".equals(applicationType.asString(""))) {
            throw metadata("application_type must be web, was " + applicationType);
        }
        if (!strings(request, "response_types").contains("id_token")) {
            throw metadata("response_types must include id_token");
        }
        if (!strings(request, "grant_types").containsAll(List.of("implicit", "client_credentials"))) {
            throw metadata("grant_types must include implicit and client_credentials");
        }
        if (!"private_key_jwt".equals(request.path("token_endpoint_auth_method").asString(""))) {
            throw metadata("token_endpoint_auth_method must be private_key_jwt");
        }
        JsonNode lti = request.path(TOOL_CONFIGURATION);
        if (!lti.isObject()) {
            throw metadata("the registration has no " + TOOL_CONFIGURATION + " object");
        }
        String domain = lti.path("domain").asString("");
        if (domain.isBlank()) {
            throw metadata(TOOL_CONFIGURATION + " has no domain");
        }
        String login = url(request, "initiate_login_uri", domain);
        String jwks = url(request, "jwks_uri", domain); // the sandbox fetches it: only from the tool's own domain
        String target = url(lti, "target_link_uri", domain);
        List<String> redirects = strings(request, "redirect_uris");
        if (redirects.isEmpty() || redirects.size() > MAX_REDIRECT_URIS) {
            throw metadata("redirect_uris must list between 1 and " + MAX_REDIRECT_URIS + " URLs");
        }
        String clientName = request.path("client_name").asString(null);
        if (clientName != null && clientName.length() > MAX_NAME_CHARS) {
            throw metadata("client_name is longer than " + MAX_NAME_CHARS + " characters");
        }
        for (String redirect : redirects) {
            checkUrl("redirect_uris", redirect, domain);
        }
        return new ToolRegistrations.ToolRegistration(clientId(), properties.issuer(), DEPLOYMENT_ID,
                clientName, login, redirects, jwks, target, grantedScope(request), clock.instant());
    }

    /** The scopes asked for that the sandbox offers. */
    private static String grantedScope(JsonNode request) {
        Set<String> offered = new LinkedHashSet<>(LaunchMessages.AGS_SCOPES);
        offered.add(LaunchMessages.NRPS_SCOPE);
        List<String> granted = new ArrayList<>();
        for (String scope : request.path("scope").asString("").split(" ")) {
            if (offered.contains(scope) && !granted.contains(scope)) {
                granted.add(scope);
            }
        }
        return String.join(" ", granted);
    }

    private static String url(JsonNode node, String field, String domain) throws Refusal {
        String value = node.path(field).asString("");
        if (value.isBlank()) {
            throw metadata("the registration has no " + field);
        }
        checkUrl(field, value, domain);
        return value;
    }

    /** An absolute http(s) URL, on the tool's domain when one is given (a tool may not send launches elsewhere). */
    private static void checkUrl(String field, String value, String domain) throws Refusal {
        if (value.length() > MAX_URL_CHARS) {
            throw metadata(field + " is longer than " + MAX_URL_CHARS + " characters");
        }
        URI uri;
        try {
            uri = URI.create(value);
        } catch (IllegalArgumentException e) {
            throw metadata(field + " '" + value + "' is not a URL");
        }
        if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
            throw metadata(field + " '" + value + "' is not an absolute http(s) URL");
        }
        if (domain != null && !onDomain(uri, domain)) {
            throw metadata(field + " '" + value + "' is not on the tool's domain " + domain);
        }
    }

    private static boolean onDomain(URI uri, String domain) {
        String d = domain.toLowerCase(Locale.ROOT);
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        String authority = uri.getPort() == -1 ? host : host + ":" + uri.getPort();
        return authority.equals(d) || host.equals(d) || host.endsWith("." + d);
    }

    private static List<String> strings(JsonNode node, String field) {
        JsonNode array = node.path(field);
        return array.isArray() ? array.valueStream().filter(JsonNode::isString).map(JsonNode::asString).toList() : List.of();
    }

    private static Refusal metadata(String description) {
        return new Refusal(400, "invalid_client_metadata", description);
    }

    private static String clientId() {
        StringBuilder id = new StringBuilder("sandbox-");
        for (int i = 0; i < 16; i++) {
            id.append(ALPHANUMERIC.charAt(RANDOM.nextInt(ALPHANUMERIC.length())));
        }
        return id.toString();
    }
}
