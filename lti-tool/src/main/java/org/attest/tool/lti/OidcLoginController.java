package org.attest.tool.lti;

import static org.attest.tool.lti.LaunchFailure.*;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.attest.tool.lti.internal.ServiceOrigins;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * OIDC third-party login initiation ({@code /lti/login}, GET or POST): finds the platform, stores a
 * fresh state and nonce, and sends the browser to the platform's authorization endpoint with every
 * parameter LTI 1.3 requires, {@code lti_message_hint} passed back unchanged. When the platform
 * offers {@code lti_storage_target}, the state is also put in the platform's client-side storage.
 */
@Controller
class OidcLoginController {

    /** The size of login_state.storage_target. */
    static final int MAX_STORAGE_TARGET_LENGTH = 255;

    private final PlatformRegistry platforms;
    private final LoginStates logins;
    private final LtiProperties properties;
    private final LaunchPages pages;

    OidcLoginController(PlatformRegistry platforms, LoginStates logins, LtiProperties properties, LaunchPages pages) {
        this.platforms = platforms;
        this.logins = logins;
        this.properties = properties;
        this.pages = pages;
    }

    @RequestMapping(path = "/lti/login", method = {RequestMethod.GET, RequestMethod.POST})
    void login(@RequestParam Map<String, String> params, HttpServletResponse response) throws IOException {
        try {
            Platform platform = platform(params);
            String target = required(params, "target_link_uri");
            checkTarget(target);
            String deploymentId = params.get("lti_deployment_id");
            if (deploymentId != null && !deploymentId.isBlank() && !platform.hasDeployment(deploymentId)) {
                throw LaunchValidator.reject(DEPLOYMENT_UNKNOWN, "deployment '" + deploymentId + "' is not registered for "
                        + platform.describe() + "; a centre administrator can add it on the admin page");
            }
            String loginHint = required(params, "login_hint");
            String storageTarget = blankToNull(params.get("lti_storage_target"));
            if (storageTarget != null && storageTarget.length() > MAX_STORAGE_TARGET_LENGTH) {
                throw LaunchValidator.reject(LOGIN_PARAMETER_INVALID, "the login initiation's lti_storage_target is "
                        + storageTarget.length() + " characters long; a frame name of at most " + MAX_STORAGE_TARGET_LENGTH
                        + " characters is expected");
            }
            LoginStates.Login login = logins.begin(platform.id(), storageTarget);
            // What the platform chose is passed as template variables, which encode() escapes whole: Moodle's
            // lti_message_hint is JSON, and its braces would otherwise be read as a template and sent out raw (a Location
            // that strict clients refuse as an invalid URI). State, nonce and the launch URL are Attest's own.
            Map<String, String> values = new HashMap<>();
            values.put("clientId", platform.clientId());
            values.put("loginHint", loginHint);
            UriComponentsBuilder auth = UriComponentsBuilder.fromUriString(platform.authorizationEndpoint())
                    .queryParam("scope", "openid")
                    .queryParam("response_type", "id_token")
                    .queryParam("response_mode", "form_post")
                    .queryParam("prompt", "none")
                    .queryParam("client_id", "{clientId}")
                    .queryParam("redirect_uri", properties.baseUrlString() + "/lti/launch")
                    .queryParam("login_hint", "{loginHint}")
                    .queryParam("state", login.state())
                    .queryParam("nonce", login.nonce());
            if (params.get("lti_message_hint") != null) {
                auth.queryParam("lti_message_hint", "{messageHint}");
                values.put("messageHint", params.get("lti_message_hint"));
            }
            String authUrl = auth.encode().buildAndExpand(values).toUriString();
            response.setHeader("Cache-Control", "no-store");
            if (storageTarget == null) {
                response.sendRedirect(authUrl);
            } else {
                pages.render(response, 200, "lti/login-storage", Map.of(
                        "authUrl", authUrl, "state", login.state(), "nonce", login.nonce(),
                        "storageTarget", storageTarget, "platformOrigin", platformOrigin(platform)));
            }
        } catch (LaunchRejectedException e) {
            if (e.failure() == TOO_MANY_LOGINS) {
                response.setHeader("Retry-After", String.valueOf(properties.lti().loginStateTtl().toSeconds()));
            }
            pages.refuse(response, e);
        }
    }

    private Platform platform(Map<String, String> params) {
        String issuer = required(params, "iss");
        String clientId = blankToNull(params.get("client_id"));
        Platform platform;
        if (clientId != null) {
            platform = platforms.find(issuer, clientId).orElseThrow(() -> LaunchValidator.reject(UNKNOWN_PLATFORM,
                    "no platform is registered with issuer " + issuer + " and client id '" + clientId
                            + "'; register it through Dynamic Registration or on the admin page"));
        } else {
            List<Platform> candidates = platforms.findByIssuer(issuer);
            if (candidates.isEmpty()) {
                throw LaunchValidator.reject(UNKNOWN_PLATFORM, "no platform is registered with issuer " + issuer
                        + "; register it through Dynamic Registration or on the admin page");
            }
            if (candidates.size() > 1) {
                throw LaunchValidator.reject(LOGIN_PARAMETER_MISSING, "issuer " + issuer + " has " + candidates.size()
                        + " registrations; the platform must send client_id with the login");
            }
            platform = candidates.get(0);
        }
        if (!platform.enabled()) {
            throw LaunchValidator.reject(PLATFORM_DISABLED, "platform " + platform.describe() + " is disabled by the centre administrator");
        }
        platformOrigin(platform); // never send a browser to a stored endpoint that is not a web address (javascript:, ...)
        return platform;
    }

    private void checkTarget(String target) {
        if (!properties.isOnThisTool(target)) {
            throw LaunchValidator.reject(TARGET_LINK_ELSEWHERE, "target_link_uri " + target + " is not on this tool ("
                    + properties.baseUrlString() + ")");
        }
    }

    /** The origin the platform's storage frame posts from, as a browser writes it (checked to be http(s) at login). */
    static String platformOrigin(Platform platform) {
        return ServiceOrigins.origin(platform.authorizationEndpoint()).orElseThrow(() -> LaunchValidator.reject(PLATFORM_DISABLED,
                "platform " + platform.describe() + " has an authorization endpoint that is not an http(s) URL; a centre "
                        + "administrator must correct it on the admin page"));
    }

    private static String required(Map<String, String> params, String name) {
        String value = blankToNull(params.get(name));
        if (value == null) {
            throw LaunchValidator.reject(LOGIN_PARAMETER_MISSING, "the login initiation has no " + name
                    + "; the platform must send iss, login_hint and target_link_uri");
        }
        return value;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
