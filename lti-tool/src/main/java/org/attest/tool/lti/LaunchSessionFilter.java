package org.attest.tool.lti;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.attest.tool.lti.internal.LaunchSessions;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/** Signs in requests under {@code /s/{token}/} from the launch session that token names. */
class LaunchSessionFilter extends OncePerRequestFilter {

    static final String PREFIX = "/s/";

    private final LaunchSessions sessions;

    LaunchSessionFilter(LaunchSessions sessions) {
        this.sessions = sessions;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getServletPath().startsWith(PREFIX);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String rest = request.getServletPath().substring(PREFIX.length());
        int slash = rest.indexOf('/');
        String token = slash < 0 ? rest : rest.substring(0, slash);
        sessions.find(token)
                .filter(s -> s.status() == LaunchSessions.Status.ACTIVE)
                .ifPresent(s -> {
                    SecurityContext context = SecurityContextHolder.createEmptyContext();
                    context.setAuthentication(new LtiAuthentication(s.principal(), token));
                    SecurityContextHolder.setContext(context);
                });
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}
