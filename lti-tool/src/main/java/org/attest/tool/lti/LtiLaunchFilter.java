package org.attest.tool.lti;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.attest.tool.http.PostedIdToken;
import org.attest.tool.lti.internal.LaunchSessions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.filter.ServerHttpObservationFilter;

/**
 * Handles the platform's form post to {@code /lti/launch}: the {@link LtiLaunchAuthenticationProvider}
 * validates the id_token; on success a launch session starts and the browser goes to the tool's
 * pages (or first confirms the state through the platform's client-side storage); on failure the
 * error page says which check failed and no session exists.
 */
class LtiLaunchFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(LtiLaunchFilter.class);

    static final String LAUNCH_PATH = "/lti/launch";
    static final String CONFIRM_PATH = "/lti/launch/confirm";

    private final AuthenticationManager authenticationManager;
    private final LaunchSessions sessions;
    private final LaunchPages pages;
    private final PlatformRegistry platforms;
    private final ApplicationEventPublisher events;
    private final ObjectProvider<LaunchRouting> routing;

    LtiLaunchFilter(AuthenticationManager authenticationManager, LaunchSessions sessions, LaunchPages pages,
            PlatformRegistry platforms, ApplicationEventPublisher events, ObjectProvider<LaunchRouting> routing) {
        this.routing = routing;
        this.authenticationManager = authenticationManager;
        this.sessions = sessions;
        this.pages = pages;
        this.platforms = platforms;
        this.events = events;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getServletPath();
        return !"POST".equals(request.getMethod()) || !(LAUNCH_PATH.equals(path) || CONFIRM_PATH.equals(path));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        // Answered here, before any handler: without a pattern the request timer would file launches under REDIRECTION
        // or UNKNOWN with everything else answered by a filter.
        ServerHttpObservationFilter.findObservationContext(request).ifPresent(c -> c.setPathPattern(request.getServletPath()));
        response.setHeader("Cache-Control", "no-store");
        try {
            if (CONFIRM_PATH.equals(request.getServletPath())) {
                confirm(request, response);
                return;
            }
            String platformError = request.getParameter("error");
            if (platformError != null) {
                throw LaunchValidator.reject(LaunchFailure.PLATFORM_REFUSED_LOGIN, "the platform refused the login: " + platformError
                        + (request.getParameter("error_description") == null ? "" : " (" + request.getParameter("error_description") + ")"));
            }
            Authentication result = authenticationManager.authenticate(
                    LtiLaunchAuthenticationProvider.unauthenticated(request.getParameter("id_token"),
                            PostedIdToken.of(request), request.getParameter("state")));
            LaunchValidator.ValidLaunch launch = (LaunchValidator.ValidLaunch) result.getDetails();
            LoginStates.Login login = launch.login();
            if (login.storageTarget() == null) {
                String token = sessions.start(launch.principal(), LaunchSessions.Status.ACTIVE, null);
                events.publishEvent(new LaunchAccepted(launch.principal()));
                redirectToDestination(request, response, token, launch.principal());
                return;
            }
            String token = sessions.start(launch.principal(), LaunchSessions.Status.AWAITING_STORAGE, login.state());
            Platform platform = platforms.find(launch.principal().platformId()).orElseThrow();
            pages.render(response, 200, "lti/launch-storage", Map.of(
                    "token", token, "state", login.state(), "storageTarget", login.storageTarget(),
                    "platformOrigin", OidcLoginController.platformOrigin(platform)));
        } catch (LaunchRejectedException e) {
            pages.refuse(response, e);
        }
    }

    /** The page read the state back from the platform's storage; it must be the one this launch began with. */
    private void confirm(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String token = request.getParameter("session");
        String state = request.getParameter("state");
        if (token == null || state == null || !sessions.confirmStorage(token, state)) {
            if (token != null) {
                sessions.end(token);
            }
            throw LaunchValidator.reject(LaunchFailure.BROWSER_MISMATCH, "the platform's storage in this browser does not hold "
                    + "the state this launch began with, so the launch may have been started in another browser; launch again from the LMS");
        }
        LtiPrincipal principal = sessions.find(token).map(LaunchSessions.Session::principal).orElse(null);
        if (principal != null) {
            events.publishEvent(new LaunchAccepted(principal));
        }
        redirectToDestination(request, response, token, principal);
    }

    /**
     * Straight to the page the launch lands on (one request fewer than through the landing URL, which would route the
     * same way); pages the landing URL shows itself, and any launch the routing cannot place now, go to the landing URL.
     */
    private void redirectToDestination(HttpServletRequest request, HttpServletResponse response, String token, LtiPrincipal principal)
            throws IOException {
        String path = "/";
        if (principal != null) {
            try {
                path = routing.getObject().route(principal).pathInSession();
            } catch (RuntimeException e) {
                log.warn("Could not route the launch of {} now; it goes to the landing page, which routes again: {}", principal.subject(), e.toString());
            }
        }
        response.sendRedirect(request.getContextPath() + "/s/" + token + path);
    }
}
