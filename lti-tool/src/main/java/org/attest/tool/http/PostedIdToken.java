package org.attest.tool.http;

import com.nimbusds.jose.JOSEObject;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Base64;
import java.util.Map;

/**
 * The {@code id_token} posted to {@code /lti/launch}, parsed as a signed JWT once per request: the launch rate limit
 * reads the issuer it claims and lti's launch validation checks it, from the same parse (its claims are parsed once too,
 * on first use, and kept with it). Nothing here is verified.
 */
public final class PostedIdToken {

    /** Longer tokens are not parsed here; the launch refuses them by size (attest.lti.max-id-token-bytes). */
    static final int MAX_LENGTH = 65_536;

    private static final String ATTRIBUTE = PostedIdToken.class.getName();

    private record Memo(String raw, SignedJWT jwt) {
    }

    private PostedIdToken() {
    }

    /** This request's id_token as a signed JWT, parsed the first time it is asked for; null when absent, too long or not one. */
    public static SignedJWT of(HttpServletRequest request) {
        String idToken = request.getParameter("id_token");
        if (idToken == null) {
            return null;
        }
        if (request.getAttribute(ATTRIBUTE) instanceof Memo known && known.raw().equals(idToken)) {
            return known.jwt();
        }
        SignedJWT jwt = parse(idToken);
        request.setAttribute(ATTRIBUTE, new Memo(idToken, jwt));
        return jwt;
    }

    /** The token as a signed JWT (header parsed, claims on first use); null when absent, too long or not a signed JWT. */
    public static SignedJWT parse(String idToken) {
        if (idToken == null || idToken.length() > MAX_LENGTH) {
            return null;
        }
        try {
            Base64URL[] parts = JOSEObject.split(idToken);
            return parts.length == 3 ? new Parsed(parts) : null;
        } catch (ParseException e) {
            return null;
        }
    }

    /**
     * A signed JWT whose claims are decoded with the JDK's Base64 (an intrinsic; Nimbus's own decoder took more of a
     * launch's CPU than the signature check) and parsed once, on first use, as {@link SignedJWT#getJWTClaimsSet} would.
     */
    private static final class Parsed extends SignedJWT {

        private static final long serialVersionUID = 1L;

        private transient volatile JWTClaimsSet claims;

        Parsed(Base64URL[] parts) throws ParseException {
            super(parts[0], parts[1], parts[2]);
        }

        @Override
        public JWTClaimsSet getJWTClaimsSet() throws ParseException {
            JWTClaimsSet known = claims;
            if (known != null) {
                return known;
            }
            Map<String, Object> json;
            try {
                json = JSONObjectUtils.parse(new String(Base64.getUrlDecoder().decode(getParsedParts()[1].toString()), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException | ParseException e) {
                return super.getJWTClaimsSet(); // not strict base64url or not a JSON object: Nimbus decides and says why, as before
            }
            known = JWTClaimsSet.parse(json);
            claims = known;
            return known;
        }
    }
}
