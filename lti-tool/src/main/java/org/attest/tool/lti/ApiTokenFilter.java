package org.attest.tool.lti;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Signs in requests to the token API ({@code /admin/api/frameworks}, {@code /admin/api/registration-urls},
 * {@code /admin/api/assessors}, {@code /admin/api/iqa} and {@code /admin/api/eqa-grants}) by their
 * {@code Authorization: Bearer} API token, with the token's scope; a missing, unknown, expired or
 * deleted token is answered 401 here, with a sentence saying what is wrong and what to do. Only the
 * paths listed here accept tokens, so a route added under {@code /admin/api/} later is not opened
 * to tokens by accident.
 */
class ApiTokenFilter extends OncePerRequestFilter {

    static final String FRAMEWORKS = "/admin/api/frameworks";
    static final String ASSESSORS = "/admin/api/assessors";
    static final String IQA = "/admin/api/iqa";
    static final String EQA_GRANTS = "/admin/api/eqa-grants";
    private static final String BEARER = "Bearer ";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ApiTokens tokens;

    ApiTokenFilter(ApiTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getServletPath();
        return !(path.equals(FRAMEWORKS) || path.startsWith(FRAMEWORKS + "/") || path.equals(RegistrationUrlApiController.PATH)
                || path.equals(ASSESSORS) || path.equals(IQA) || path.equals(EQA_GRANTS));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        String token = header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length())
                ? header.substring(BEARER.length()).trim() : null;
        if (token == null) {
            refuse(response, "send an API token as 'Authorization: Bearer <token>'; an administrator makes one on the "
                    + "Frameworks admin page");
            return;
        }
        LtiPrincipal principal;
        try {
            principal = tokens.authenticate(token);
        } catch (ApiTokens.Refused refused) {
            refuse(response, refused.getMessage());
            return;
        }
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(new LtiAuthentication(principal, null));
        SecurityContextHolder.setContext(context);
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    private static void refuse(HttpServletResponse response, String sentence) throws IOException {
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        response.setHeader("WWW-Authenticate", "Bearer realm=\"attest\"");
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(JSON.writeValueAsString(Map.of("error", sentence)));
    }
}
