package org.attest.sandbox;

import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The sandbox's platform endpoints, the ones a tool talks to: OpenID configuration, JWKS, OIDC
 * authorization, token, and Dynamic Registration. AGS and NRPS are in {@link GradeServicesController}.
 */
@Controller
@ConditionalOnSandbox
class PlatformController {

    static final String OPENID_CONFIGURATION = "/.well-known/openid-configuration";
    static final String PLATFORM_CONFIGURATION = "https://purl.imsglobal.org/spec/lti-platform-configuration";

    private final SandboxProperties properties;
    private final SandboxKeys keys;
    private final Authorization authorization;
    private final ClientRegistrations registrations;
    private final SandboxAccessTokens tokens;

    PlatformController(SandboxProperties properties, SandboxKeys keys, Authorization authorization,
            ClientRegistrations registrations, SandboxAccessTokens tokens) {
        this.tokens = tokens;
        this.properties = properties;
        this.keys = keys;
        this.authorization = authorization;
        this.registrations = registrations;
    }

    @GetMapping(path = "/sandbox" + OPENID_CONFIGURATION, produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    Map<String, Object> openidConfiguration() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("issuer", properties.issuer());
        config.put("authorization_endpoint", properties.url("/auth"));
        config.put("token_endpoint", properties.url("/token"));
        config.put("token_endpoint_auth_methods_supported", List.of("private_key_jwt"));
        config.put("token_endpoint_auth_signing_alg_values_supported", List.of("RS256"));
        config.put("jwks_uri", properties.url("/jwks"));
        config.put("registration_endpoint", properties.url("/register"));
        List<String> scopes = new ArrayList<>(List.of("openid"));
        scopes.addAll(LaunchMessages.AGS_SCOPES);
        scopes.add(LaunchMessages.NRPS_SCOPE);
        config.put("scopes_supported", scopes);
        config.put("response_types_supported", List.of("id_token"));
        config.put("response_modes_supported", List.of("form_post"));
        config.put("subject_types_supported", List.of("public"));
        config.put("id_token_signing_alg_values_supported", List.of("RS256"));
        config.put("claims_supported", List.of("iss", "aud", "sub", "exp", "iat", "nonce", "name", "given_name", "family_name", "email"));
        Map<String, Object> lti = new LinkedHashMap<>();
        lti.put("product_family_code", properties.lms().productFamily());
        lti.put("version", LaunchMessages.VERSION);
        lti.put("messages_supported", List.of(
                Map.of("type", LaunchMessages.RESOURCE_LINK_REQUEST),
                Map.of("type", LaunchMessages.DEEP_LINKING_REQUEST)));
        lti.put("variables", List.of("Context.id", "Context.title", "ResourceLink.id", "ResourceLink.title", "User.id",
                "Person.name.full", "Person.email.primary"));
        config.put(PLATFORM_CONFIGURATION, lti);
        return config;
    }

    @GetMapping(path = "/sandbox/jwks", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> jwks() {
        return ResponseEntity.ok().cacheControl(CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic())
                .body(keys.publicJwks().toJSONObject(true));
    }

    /** OIDC authentication request from the tool (GET redirect, or POST). */
    @RequestMapping(path = "/sandbox/auth", method = {RequestMethod.GET, RequestMethod.POST})
    String authorize(@RequestParam Map<String, String> params, Model model, HttpServletResponse response) {
        Authorization.Answer answer = authorization.authorize(params);
        if (answer instanceof Authorization.FormPost post) {
            model.addAttribute("action", post.redirectUri());
            model.addAttribute("fields", post.fields());
            model.addAttribute("message", post.userName() == null ? "Returning to Attest" : "Signing in to Attest as " + post.userName());
            return "sandbox/autopost";
        }
        response.setStatus(HttpStatus.BAD_REQUEST.value());
        model.addAttribute("title", "The sandbox refused the sign-in request");
        model.addAttribute("detail", ((Authorization.Refused) answer).detail());
        return "sandbox/problem";
    }

    /** Service tokens for AGS and NRPS: client credentials with a JWT client assertion (RFC 7523). */
    @PostMapping(path = "/sandbox/token", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> token(@RequestParam MultiValueMap<String, String> form) {
        Map<String, Object> body = new LinkedHashMap<>();
        try {
            SandboxAccessTokens.Granted granted = tokens.grant(form.toSingleValueMap());
            body.put("access_token", granted.accessToken());
            body.put("token_type", "Bearer");
            body.put("expires_in", granted.expiresIn().toSeconds());
            body.put("scope", String.join(" ", granted.scopes()));
            return ResponseEntity.ok().cacheControl(CacheControl.noStore()).header(HttpHeaders.PRAGMA, "no-cache").body(body);
        } catch (ServiceRefusal r) {
            body.put("error", r.code());
            body.put("error_description", r.getMessage());
            return ResponseEntity.status(r.status()).cacheControl(CacheControl.noStore()).body(body);
        }
    }

    /** Dynamic Registration, platform side: the tool posts its client registration with the registration token. */
    @PostMapping(path = "/sandbox/register", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> register(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorizationHeader,
            @RequestBody(required = false) String body) {
        ClientRegistrations.Answer answer = registrations.register(authorizationHeader, body);
        ResponseEntity.BodyBuilder response = ResponseEntity.status(answer.status()).contentType(MediaType.APPLICATION_JSON)
                .cacheControl(CacheControl.noStore());
        if (answer.status() == 401) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
        }
        return response.body(answer.json());
    }
}
