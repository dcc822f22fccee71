package org.attest.tool.lti;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** An authenticated LTI user: the principal is the launch, authorities are {@code ROLE_LEARNER} etc. */
public class LtiAuthentication extends AbstractAuthenticationToken {

    private final LtiPrincipal principal;
    private final String sessionToken;

    public LtiAuthentication(LtiPrincipal principal, String sessionToken) {
        super(principal.roles().stream().map(r -> new SimpleGrantedAuthority("ROLE_" + r.name())).toList());
        this.principal = principal;
        this.sessionToken = sessionToken;
        setAuthenticated(true);
    }

    @Override
    public LtiPrincipal getPrincipal() {
        return principal;
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    /** The token the pages of this launch carry in their URLs. */
    public String sessionToken() {
        return sessionToken;
    }

    @Override
    public String getName() {
        return principal.issuer() + "#" + principal.subject();
    }

}
