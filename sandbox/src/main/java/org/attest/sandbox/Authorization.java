package org.attest.sandbox;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The sandbox's OIDC authorization endpoint: checks the tool's authentication request and answers
 * with a form_post of the id_token (or of an OIDC error) to the tool's registered redirect URI.
 * The sandbox has no sign-in: whoever can reach it may act as any of its users, which is why
 * production turns it off.
 */
@Component
@ConditionalOnSandbox
class Authorization {

    /** The answer to an authentication request. */
    sealed interface Answer {
    }

    /** The request names no registered client or redirect URI, so nothing may be sent anywhere: show the error. */
    record Refused(String detail) implements Answer {
    }

    /** Auto-post these fields to the tool: {@code id_token} and {@code state}, or {@code error} and its description. */
    record FormPost(String redirectUri, Map<String, String> fields, String userName) implements Answer {
    }

    static final String DEEP_LINK_HINT = "deep-link";

    private final SandboxProperties properties;
    private final ToolRegistrations tools;
    private final SandboxLinks links;
    private final LaunchMessages messages;
    private final SandboxTrainees trainees;

    Authorization(SandboxProperties properties, ToolRegistrations tools, SandboxLinks links, LaunchMessages messages,
            SandboxTrainees trainees) {
        this.properties = properties;
        this.tools = tools;
        this.links = links;
        this.messages = messages;
        this.trainees = trainees;
    }

    Answer authorize(Map<String, String> params) {
        String clientId = params.get("client_id");
        if (blank(clientId)) {
            return new Refused("the authentication request has no client_id");
        }
        Optional<ToolRegistrations.ToolRegistration> found = tools.find(properties.issuer(), clientId);
        if (found.isEmpty()) {
            return new Refused("client_id '" + clientId + "' is not a tool registered with this sandbox ("
                    + properties.issuer() + "); register Attest again from the sandbox page");
        }
        ToolRegistrations.ToolRegistration tool = found.get();
        String redirectUri = params.get("redirect_uri");
        if (blank(redirectUri) || !tool.redirectUris().contains(redirectUri)) {
            return new Refused("redirect_uri '" + redirectUri + "' is not one the tool registered " + tool.redirectUris());
        }
        String state = params.get("state");
        Problem problem = problem(params);
        if (problem != null) {
            return error(redirectUri, state, problem.code(), problem.description());
        }
        SandboxCourse course = SandboxCourse.CUSTOMER_SERVICE;
        String loginHint = params.get("login_hint");
        Optional<SandboxCourse.Member> member = course.member(loginHint);
        if (member.isEmpty()) {
            return error(redirectUri, state, "login_required", "login_hint '" + loginHint + "' is not a user of the sandbox course; "
                    + "the sandbox knows " + course.members().stream().map(SandboxCourse.Member::id).toList());
        }
        SandboxCourse.Member user = member.get();
        trainees.flagBeforeLaunch(tool, user);
        String hint = params.get("lti_message_hint");
        String idToken;
        if (DEEP_LINK_HINT.equals(hint)) {
            if (!user.instructor()) {
                return error(redirectUri, state, "access_denied", user.name() + " is not an instructor of "
                        + course.title() + ", so cannot place activities");
            }
            idToken = messages.deepLinkingRequest(tool, course, user, params.get("nonce"));
        } else {
            Optional<SandboxLinks.Link> link = blank(hint) ? Optional.empty() : links.find(hint);
            if (link.isEmpty()) {
                return error(redirectUri, state, "invalid_request", "lti_message_hint '" + hint
                        + "' is neither an activity of the sandbox course nor '" + DEEP_LINK_HINT + "'; launch from the sandbox page");
            }
            idToken = messages.resourceLinkRequest(tool, course, user, link.get(), params.get("nonce"));
        }
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("id_token", idToken);
        if (!blank(state)) {
            fields.put("state", state);
        }
        return new FormPost(redirectUri, fields, user.name());
    }

    /** An OIDC error: its code and a sentence for the person and the log. */
    private record Problem(String code, String description) {
    }

    /** The first OIDC rule the request breaks, or null. */
    private static Problem problem(Map<String, String> params) {
        if (!"id_token".equals(params.get("response_type"))) {
            return new Problem("unsupported_response_type", "response_type must be id_token, was '" + params.get("response_type") + "'");
        }
        String scope = params.get("scope");
        if (scope == null || !List.of(scope.split(" ")).contains("openid")) {
            return new Problem("invalid_scope", "scope must be openid, was '" + scope + "'");
        }
        if (!"form_post".equals(params.get("response_mode"))) {
            return new Problem("invalid_request", "response_mode must be form_post, was '" + params.get("response_mode") + "'");
        }
        if (blank(params.get("nonce"))) {
            return new Problem("invalid_request", "the authentication request has no nonce");
        }
        if (blank(params.get("login_hint"))) {
            return new Problem("invalid_request", "the authentication request has no login_hint; it must pass back the one "
                    + "the login initiation sent");
        }
        String prompt = params.get("prompt");
        if (!blank(prompt) && !"none".equals(prompt)) {
            return new Problem("invalid_request", "prompt must be none or absent, was '" + prompt + "'");
        }
        return null;
    }

    private static FormPost error(String redirectUri, String state, String code, String description) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("error", code);
        fields.put("error_description", description);
        if (!blank(state)) {
            fields.put("state", state);
        }
        return new FormPost(redirectUri, fields, null);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
