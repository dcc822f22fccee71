package org.attest.tool.quality.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.attest.tool.lti.AttestRole;
import org.attest.tool.lti.LtiPrincipal;
import org.attest.tool.portfolio.AccessRecords;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Records in the audit trail every page and file an external verifier opens: each GET under {@code /s/} by an EQA's
 * session that was answered (status below 400), with its path (without the session token) and the learner unit it
 * shows. Refused requests show nothing and are not recorded. Runs inside the security filter chain's sign-in, after
 * the page was served.
 */
@Component
class EqaViews extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(EqaViews.class);

    private final AccessRecords records;

    EqaViews(AccessRecords records) {
        this.records = records;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"GET".equals(request.getMethod()) || !request.getServletPath().startsWith("/s/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        chain.doFilter(request, response);
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof LtiPrincipal user
                && user.has(AttestRole.EXTERNAL_VERIFIER) && response.getStatus() < 400) {
            try {
                records.viewed(user, request.getServletPath());
            } catch (RuntimeException e) {
                // the page was already sent; say so loudly rather than hide the gap in the record
                log.error("Could not record {} opening {} in the audit trail", user.describe(),
                        AccessRecords.withoutSession(request.getServletPath()), e);
            }
        }
    }
}
