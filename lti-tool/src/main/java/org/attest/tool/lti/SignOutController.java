package org.attest.tool.lti;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.attest.tool.lti.internal.LaunchSessions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * {@code POST /s/{token}/sign-out}: ends the launch session at once, so its pages (and the token in their URLs) stop
 * working on this and every other replica; the LMS starts a new one at the next launch.
 */
@Controller
class SignOutController {

    private static final Logger log = LoggerFactory.getLogger(SignOutController.class);

    private final LaunchSessions sessions;
    private final LaunchPages pages;

    SignOutController(LaunchSessions sessions, LaunchPages pages) {
        this.sessions = sessions;
        this.pages = pages;
    }

    @PostMapping("/s/{token}/sign-out")
    void signOut(@PathVariable String token, HttpServletResponse response) throws IOException {
        sessions.end(token);
        log.info("A launch session was signed out");
        pages.render(response, 200, "lti/signed-out", Map.of());
    }
}
