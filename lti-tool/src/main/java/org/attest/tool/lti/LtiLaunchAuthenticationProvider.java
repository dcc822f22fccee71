package org.attest.tool.lti;

import com.nimbusds.jwt.SignedJWT;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;

/** Authenticates an LTI launch by validating its id_token and state with {@link LaunchValidator}. */
class LtiLaunchAuthenticationProvider implements AuthenticationProvider {

    /** The launch as posted, before validation. */
    static final class LaunchRequest extends AbstractAuthenticationToken {
        private final String idToken;
        private final transient SignedJWT parsed;
        private final String state;

        private LaunchRequest(String idToken, SignedJWT parsed, String state) {
            super(java.util.List.of());
            this.idToken = idToken;
            this.parsed = parsed;
            this.state = state;
        }

        @Override
        public Object getCredentials() {
            return idToken;
        }

        @Override
        public Object getPrincipal() {
            return state;
        }
    }

    private final LaunchValidator validator;

    LtiLaunchAuthenticationProvider(LaunchValidator validator) {
        this.validator = validator;
    }

    /** The launch as posted, with its id_token as the request parsed it already (null when it is not a signed JWT). */
    static Authentication unauthenticated(String idToken, SignedJWT parsed, String state) {
        return new LaunchRequest(idToken, parsed, state);
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        LaunchRequest request = (LaunchRequest) authentication;
        LaunchValidator.ValidLaunch launch = validator.validate(request.idToken, request.parsed, request.state);
        LtiAuthentication result = new LtiAuthentication(launch.principal(), null);
        result.setDetails(launch);
        return result;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return LaunchRequest.class.isAssignableFrom(authentication);
    }
}
