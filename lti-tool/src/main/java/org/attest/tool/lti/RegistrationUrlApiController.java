package org.attest.tool.lti;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.attest.tool.lti.internal.OneTimeTokens;
import org.attest.tool.lti.internal.ToolConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /admin/api/registration-urls} with a tool-wide API token: a one-time Dynamic Registration URL that
 * works only for the one {@code openid_configuration} URL given, within {@link #VALID_FOR}. For a script or program
 * that registers an LMS it controls, as the sandbox of {@code attest-sandbox.jar} does; a centre's token is refused,
 * since each URL can register a new platform. The admin page's URLs are made by the operator in the browser.
 */
@RestController
class RegistrationUrlApiController {

    static final String PATH = "/admin/api/registration-urls";
    static final Duration VALID_FOR = Duration.ofMinutes(15);
    private static final int MAX_URL = 2000;
    private static final Logger log = LoggerFactory.getLogger(RegistrationUrlApiController.class);

    /** The answer: the URL, good once for {@code openidConfiguration} within {@code validForSeconds}. */
    record RegistrationUrl(String url, String openidConfiguration, long validForSeconds) {
    }

    private final OneTimeTokens tokens;
    private final ToolConfiguration tool;
    private final PlatformUrls urls;

    RegistrationUrlApiController(OneTimeTokens tokens, ToolConfiguration tool, PlatformUrls urls) {
        this.tokens = tokens;
        this.tool = tool;
        this.urls = urls;
    }

    @PostMapping(PATH)
    ResponseEntity<?> make(@AuthenticationPrincipal LtiPrincipal user,
            @RequestParam(name = "openid_configuration", required = false) String configuration) {
        if (!isToolWide(user)) {
            return ResponseEntity.status(403).body(Map.of("error", "Only a tool-wide API token (made by the operator) can make "
                    + "registration URLs, since each one can register a new platform. Nothing was made."));
        }
        if (configuration == null || configuration.isBlank() || configuration.length() > MAX_URL) {
            return ResponseEntity.badRequest().body(Map.of("error", "Send openid_configuration: the absolute http(s) URL of the "
                    + "LMS's OpenID configuration that this registration URL may register. Nothing was made."));
        }
        // the rule Dynamic Registration applies to the same URL when the registration URL is used
        Optional<String> problem = urls.problem(configuration);
        if (problem.isPresent()) {
            return ResponseEntity.badRequest().body(Map.of("error", "openid_configuration '" + configuration + "' " + problem.get()
                    + ". Send the URL of the LMS's OpenID configuration. Nothing was made."));
        }
        String token = tokens.mintFor(OneTimeTokens.Purpose.REGISTRATION, VALID_FOR, configuration);
        log.info("{} made a one-time registration URL for {}", user.name(), configuration);
        return ResponseEntity.status(201).body(new RegistrationUrl(tool.oneTimeRegistrationUrl(token), configuration,
                VALID_FOR.toSeconds()));
    }

    private static boolean isToolWide(LtiPrincipal user) {
        try {
            return AdminScope.of(user).isTool();
        } catch (AdminRefused notAnAdministrator) {
            return false;
        }
    }
}
