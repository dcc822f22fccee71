package org.attest.tool.lti;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * {@code /lti/register}: the URL a centre admin pastes into Moodle or Canvas. Open in the default
 * (embedded/sandbox) mode; with {@code attest.registration.open=false} (the prod profile) only
 * one-time URLs {@code /lti/register/{token}} made on the admin page work.
 */
@Controller
class DynamicRegistrationController {

    private static final Logger log = LoggerFactory.getLogger(DynamicRegistrationController.class);

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
            failed(response, 403, "Dynamic Registration needs a one-time registration URL on this server: a centre "
                    + "administrator makes one on Attest's admin page");
            return;
        }
        register(configuration, token, response);
    }

    @GetMapping("/lti/register/{oneTimeToken}")
    void withOneTimeUrl(@PathVariable String oneTimeToken,
            @RequestParam(name = "openid_configuration", required = false) String configuration,
            @RequestParam(name = "registration_token", required = false) String token, HttpServletResponse response) throws IOException {
        if (!oneTimeTokens.isValid(oneTimeToken, OneTimeTokens.Purpose.REGISTRATION)) {
            failed(response, 403, "this registration URL is unknown, expired or used already; make a new one on Attest's admin page");
            return;
        }
        if (register(configuration, token, response)) {
            oneTimeTokens.consume(oneTimeToken, OneTimeTokens.Purpose.REGISTRATION);
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
            log.warn("Dynamic Registration failed: {}", e.getMessage());
            failed(response, e.status(), e.getMessage());
            return false;
        }
    }

    private void failed(HttpServletResponse response, int status, String detail) throws IOException {
        pages.render(response, status, "lti/registration-failed", Map.of("detail", detail, "status", status));
    }
}
