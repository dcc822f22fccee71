package org.attest.tool.lti;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Signs in requests to the token API, {@code /admin/api/frameworks}, by their
 * {@code Authorization: Bearer} API token; a missing or unknown token is answered 401 here, with a
 * sentence saying what to send. Only the paths listed here accept tokens, so a route added under
 * {@code /admin/api/} later is not opened to tokens by accident.
 */
class ApiTokenFilter extends OncePerRequestFilter {

    static final String FRAMEWORKS = "/admin/api/frameworks";
    private static final String BEARER = "Bearer ";

    private final ApiTokens tokens;

    ApiTokenFilter(ApiTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getServletPath();
        return !(path.equals(FRAMEWORKS) || path.startsWith(FRAMEWORKS + "/"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        String token = header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length())
                ? header.substring(BEARER.length()).trim() : null;
        var principal = tokens.authenticate(token);
        if (principal.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            response.setHeader("WWW-Authenticate", "Bearer realm=\"attest\"");
            response.setContentType("application/json");
            response.getWriter().write("{\"error\": \"" + (token == null
                    ? "send an API token as 'Authorization: Bearer <token>'; a centre administrator makes one on the "
                            + "Frameworks admin page"
                    : "this API token is unknown or was deleted; make a new one on the Frameworks admin page") + "\"}");
            return;
        }
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(new LtiAuthentication(principal.get(), null));
        SecurityContextHolder.setContext(context);
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}
