package org.attest.tool.lti;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;
import org.attest.tool.lti.internal.OneTimeTokens;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * {@code /lti/register/{token}}: the one-time URL the operator makes on the admin page and pastes
 * into Moodle or Canvas. The bare {@code /lti/register} works only with
 * {@code attest.registration.open=true} (default false). The caller is anonymous: a failure in
 * talking to the platform is shown as one plain sentence with a reference, and the details are
 * logged under that reference.
 */
@Controller
class DynamicRegistrationController {

    private static final Logger log = LoggerFactory.getLogger(DynamicRegistrationController.class);
    private static final String REFERENCE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final DynamicRegistration registration;
    private final LtiProperties properties;
    private final OneTimeTokens oneTimeTokens;
    private final LaunchPages pages;

    DynamicRegistrationController(DynamicRegistration registration, LtiProperties properties, OneTimeTokens oneTimeTokens,
            LaunchPages pages) {
        this.registration = registration;
        this.properties = properties;
        this.oneTimeTokens = oneTimeTokens;
        this.pages = pages;
    }

    @GetMapping("/lti/register")
    void open(@RequestParam(name = "openid_configuration", required = false) String configuration,
            @RequestParam(name = "registration_token", required = false) String token, HttpServletResponse response) throws IOException {
        if (!properties.registration().open()) {
            failed(response, 403, "Dynamic Registration needs a one-time registration URL on this server: Attest's "
                    + "operator makes one on the admin page (Connect an LMS)");
            return;
        }
        register(configuration, token, response);
    }

    @GetMapping("/lti/register/{oneTimeToken}")
    void withOneTimeUrl(@PathVariable String oneTimeToken,
            @RequestParam(name = "openid_configuration", required = false) String configuration,
            @RequestParam(name = "registration_token", required = false) String token, HttpServletResponse response) throws IOException {
        // Used up before the platform is called, in one conditional UPDATE: two concurrent requests cannot both register.
        if (!oneTimeTokens.consume(oneTimeToken, OneTimeTokens.Purpose.REGISTRATION, configuration)) {
            failed(response, 403, "this registration URL is unknown, expired or used already; make a new one on Attest's admin page");
            return;
        }
        if (!register(configuration, token, response)) {
            oneTimeTokens.release(oneTimeToken, OneTimeTokens.Purpose.REGISTRATION);
        }
    }

    private boolean register(String configuration, String token, HttpServletResponse response) throws IOException {
        try {
            DynamicRegistration.Registered done = registration.register(configuration, token);
            Platform p = done.platform();
            log.info("Registered with {} by Dynamic Registration (client id {}, deployment {})", p.issuer(), p.clientId(), done.deploymentId());
            Map<String, Object> model = new LinkedHashMap<>();
            model.put("platform", p);
            model.put("deploymentId", done.deploymentId() == null ? "" : done.deploymentId());
            pages.render(response, 200, "lti/registered", model);
            return true;
        } catch (DynamicRegistration.Failed e) {
            if (e.remote()) {
                String reference = reference();
                log.warn("Dynamic Registration failed (reference {}, openid_configuration {}): {}", reference, configuration, e.getMessage());
                failed(response, e.status(), "Attest could not complete the registration with the platform (reference " + reference
                        + "). The operator finds the details in Attest's log under that reference.");
            } else {
                log.warn("Dynamic Registration refused: {}", e.getMessage());
                failed(response, e.status(), e.getMessage());
            }
            return false;
        }
    }

    /** A short random reference such as 7KQ2-9F, without letters that read as digits. */
    static String reference() {
        StringBuilder s = new StringBuilder(7);
        for (int i = 0; i < 6; i++) {
            if (i == 4) {
                s.append('-');
            }
            s.append(REFERENCE_ALPHABET.charAt(RANDOM.nextInt(REFERENCE_ALPHABET.length())));
        }
        return s.toString();
    }

    private void failed(HttpServletResponse response, int status, String detail) throws IOException {
        pages.render(response, status, "lti/registration-failed", Map.of("detail", detail, "status", status));
    }
}
