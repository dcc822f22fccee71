package org.attest.tool.http;

import com.nimbusds.jwt.SignedJWT;
import jakarta.servlet.http.HttpServletRequest;
import java.text.ParseException;

/**
 * The {@code id_token} posted to {@code /lti/launch}, parsed as a signed JWT once per request: the launch rate limit
 * reads the issuer it claims and lti's launch validation checks it, from the same parse (its claims are parsed once too,
 * on first use, and kept with it). Nothing here is verified.
 */
public final class PostedIdToken {

    /** Longer tokens are not parsed here; the launch refuses them by size (attest.lti.max-id-token-bytes). */
    static final int MAX_LENGTH = 65_536;

    private static final String ATTRIBUTE = PostedIdToken.class.getName();

    private record Parsed(String raw, SignedJWT jwt) {
    }

    private PostedIdToken() {
    }

    /** This request's id_token as a signed JWT, parsed the first time it is asked for; null when absent, too long or not one. */
    public static SignedJWT of(HttpServletRequest request) {
        String idToken = request.getParameter("id_token");
        if (idToken == null) {
            return null;
        }
        if (request.getAttribute(ATTRIBUTE) instanceof Parsed known && known.raw().equals(idToken)) {
            return known.jwt();
        }
        SignedJWT jwt = parse(idToken);
        request.setAttribute(ATTRIBUTE, new Parsed(idToken, jwt));
        return jwt;
    }

    /** The token as a signed JWT (header parsed, claims on first use); null when absent, too long or not a signed JWT. */
    public static SignedJWT parse(String idToken) {
        if (idToken == null || idToken.length() > MAX_LENGTH) {
            return null;
        }
        try {
            return SignedJWT.parse(idToken);
        } catch (ParseException e) {
            return null;
        }
    }
}
