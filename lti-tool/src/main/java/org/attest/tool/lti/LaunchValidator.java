package org.attest.tool.lti;

import static org.attest.tool.lti.LaunchClaims.LTI;
import static org.attest.tool.lti.LaunchFailure.*;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.KeyType;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.attest.tool.http.PostedIdToken;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Checks an {@code id_token} posted to /lti/launch against everything LTI 1.3 and OIDC require,
 * in an order that never uses up the login state for a token that fails: size, signature algorithm,
 * state (in the form Attest issues, naming this platform), issuer, signature against the platform's keys,
 * audience and azp, times, nonce, deployment, message type, version, target link, required claims;
 * only then is the state consumed (single use, atomic across replicas). The state is read from itself
 * ({@link LoginStates#claimed}); the one statement that uses it up also proves it was issued here and is unexpired.
 * The token is parsed once per request ({@link PostedIdToken}) and the platform's keys are turned into
 * verifiers once per key ({@link PlatformKeySources#verifier}).
 */
@Component
class LaunchValidator {

    static final Set<JWSAlgorithm> ALLOWED = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512, JWSAlgorithm.ES256);

    private final LoginStates logins;
    private final PlatformRegistry platforms;
    private final PlatformKeySources keySources;
    private final LtiProperties properties;
    private final Clock clock;

    LaunchValidator(LoginStates logins, PlatformRegistry platforms, PlatformKeySources keySources, LtiProperties properties,
            Clock clock) {
        this.logins = logins;
        this.platforms = platforms;
        this.keySources = keySources;
        this.properties = properties;
        this.clock = clock;
    }

    /** A launch that passed every check, with the login it completed. */
    record ValidLaunch(LtiPrincipal principal, LoginStates.Login login) {
    }

    /** Validates a launch; {@code parsed} is the id_token as the request parsed it already ({@link PostedIdToken}), null: parse it here. */
    ValidLaunch validate(String idToken, SignedJWT parsed, String state) {
        if (idToken == null || idToken.isBlank()) {
            throw reject(TOKEN_MISSING, "the launch has no id_token; the platform must post one to /lti/launch");
        }
        if (idToken.length() > properties.lti().maxIdTokenBytes()) {
            throw reject(TOKEN_TOO_LARGE, "the id_token is " + idToken.length() + " bytes; at most "
                    + properties.lti().maxIdTokenBytes() + " are accepted");
        }
        SignedJWT jwt = parsed != null ? parsed : parse(idToken);
        JWSHeader header = jwt.getHeader();
        if (!ALLOWED.contains(header.getAlgorithm())) {
            throw reject(ALGORITHM_NOT_ALLOWED, "the id_token is signed with " + header.getAlgorithm()
                    + "; Attest accepts RS256, RS384, RS512 and ES256 only");
        }
        JWTClaimsSet claims = claims(jwt);
        if (state == null || state.isBlank()) {
            throw reject(STATE_MISSING, "the launch has no state; start it from the LMS again");
        }
        LoginStates.Login login = logins.claimed(state).orElseThrow(this::stateUnknown);
        Platform platform = platforms.find(login.platformId()).orElseThrow(() -> reject(STATE_UNKNOWN,
                "the platform this login began with is no longer registered"));
        String issuer = claims.getIssuer();
        if (!platform.issuer().equals(issuer)) {
            Platform other = issuer == null ? null : platforms.findByIssuer(issuer).stream().findFirst().orElse(null);
            throw other != null
                    ? reject(STATE_OTHER_PLATFORM, "the state was issued for a login from " + platform.issuer()
                            + ", but the id_token comes from " + issuer)
                    : reject(ISSUER_MISMATCH, "id_token issuer '" + issuer + "' is not " + platform.issuer()
                            + ", the platform this login began with");
        }
        if (!platform.enabled()) {
            throw reject(PLATFORM_DISABLED, "platform " + platform.describe() + " is disabled by the centre administrator");
        }
        verifySignature(jwt, platform);
        checkAudience(claims, platform);
        checkTimes(claims);
        Object nonce = claims.getClaim("nonce");
        if (!(nonce instanceof String n) || n.isBlank()) {
            throw reject(NONCE_MISSING, "the id_token has no nonce");
        }
        if (!n.equals(login.nonce())) {
            throw reject(NONCE_MISMATCH, "the id_token's nonce does not match the one sent with this login");
        }
        String deploymentId = LaunchClaims.string(claims, LTI + "deployment_id");
        if (deploymentId == null) {
            throw reject(CLAIM_MISSING, "the id_token has no deployment_id claim");
        }
        if (!platform.hasDeployment(deploymentId)) {
            throw reject(DEPLOYMENT_UNKNOWN, "deployment '" + deploymentId + "' is not registered for " + platform.describe()
                    + "; a centre administrator can add it on the admin page");
        }
        String messageType = LaunchClaims.string(claims, LTI + "message_type");
        if (!LtiPrincipal.RESOURCE_LINK_REQUEST.equals(messageType) && !LtiPrincipal.DEEP_LINKING_REQUEST.equals(messageType)) {
            throw reject(MESSAGE_TYPE_UNSUPPORTED, "message type '" + messageType
                    + "' is not one Attest handles (LtiResourceLinkRequest, LtiDeepLinkingRequest)");
        }
        String version = LaunchClaims.string(claims, LTI + "version");
        if (!"1.3.0".equals(version)) {
            throw reject(VERSION_UNSUPPORTED, "LTI version '" + version + "' is not 1.3.0");
        }
        checkTargetLink(LaunchClaims.string(claims, LTI + "target_link_uri"));
        LtiPrincipal principal = LaunchClaims.principal(claims, platform, deploymentId, messageType, clock.instant());
        if (!logins.consume(state)) {
            throw stateUnknown();
        }
        noteProductFamily(claims, platform);
        return new ValidLaunch(principal, login);
    }

    private LaunchRejectedException stateUnknown() {
        return reject(STATE_UNKNOWN, "the launch's state is unknown, used already or older than "
                + properties.lti().loginStateTtl().toMinutes() + " minutes; start it from the LMS again");
    }

    private static SignedJWT parse(String idToken) {
        SignedJWT parsed = PostedIdToken.parse(idToken);
        if (parsed != null) {
            return parsed;
        }
        JWT jwt; // not a signed JWT: parsed again only to say what it is
        try {
            jwt = JWTParser.parse(idToken);
        } catch (ParseException e) {
            throw reject(TOKEN_MALFORMED, "the id_token is not a JWT (" + e.getMessage() + ")");
        }
        if (jwt instanceof PlainJWT) {
            throw reject(TOKEN_UNSIGNED, "the id_token is unsigned (alg none); Attest accepts signed tokens only");
        }
        if (!(jwt instanceof SignedJWT signed)) {
            throw reject(TOKEN_MALFORMED, "the id_token is encrypted; platforms send signed, unencrypted id_tokens");
        }
        return signed;
    }

    private static JWTClaimsSet claims(SignedJWT jwt) {
        try {
            return jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw reject(TOKEN_MALFORMED, "the id_token's claims are not a JSON object (" + e.getMessage() + ")");
        }
    }

    private void verifySignature(SignedJWT jwt, Platform platform) {
        JWSHeader header = jwt.getHeader();
        JWKMatcher.Builder matcher = new JWKMatcher.Builder()
                .keyType(KeyType.forAlgorithm(header.getAlgorithm()))
                .keyUses(KeyUse.SIGNATURE, null)
                .algorithms(header.getAlgorithm(), null);
        if (header.getKeyID() != null) {
            matcher.keyID(header.getKeyID());
        }
        List<JWK> keys;
        try {
            keys = keySources.forPlatform(platform).get(new JWKSelector(matcher.build()), null);
        } catch (KeySourceException e) {
            throw reject(JWKS_UNAVAILABLE, "the keys of " + platform.describe() + " could not be fetched from "
                    + platform.jwksUri() + " (" + e.getMessage() + "); Attest will try again on the next launch");
        }
        if (keys.isEmpty()) {
            throw reject(KEY_UNKNOWN, "the id_token is signed with key '" + header.getKeyID() + "' (" + header.getAlgorithm()
                    + "), which " + platform.jwksUri() + " does not publish");
        }
        for (JWK key : keys) {
            try {
                if (jwt.verify(keySources.verifier(platform, key))) {
                    return;
                }
            } catch (JOSEException | ClassCastException e) {
                // try the next matching key
            }
        }
        throw reject(SIGNATURE_INVALID, "the id_token's signature does not verify with the keys of " + platform.describe());
    }

    private static void checkAudience(JWTClaimsSet claims, Platform platform) {
        List<String> audience = claims.getAudience();
        if (audience == null || !audience.contains(platform.clientId())) {
            throw reject(AUDIENCE_MISMATCH, "id_token audience " + audience + " does not contain the client id '"
                    + platform.clientId() + "' registered for issuer " + platform.issuer());
        }
        Object azp = claims.getClaim("azp");
        if (azp != null && !platform.clientId().equals(azp)) {
            throw reject(AZP_MISMATCH, "id_token azp '" + azp + "' is not the client id '" + platform.clientId() + "'");
        }
        if (audience.size() > 1 && azp == null) {
            throw reject(AZP_MISMATCH, "the id_token has several audiences " + audience + " but no azp naming Attest's client id");
        }
    }

    private void checkTimes(JWTClaimsSet claims) {
        Instant now = clock.instant();
        Duration skew = properties.lti().clockSkew();
        Date exp = claims.getExpirationTime();
        Date iat = claims.getIssueTime();
        if (exp == null || iat == null) {
            throw reject(CLAIM_MISSING, "the id_token needs both exp and iat");
        }
        if (!exp.toInstant().plus(skew).isAfter(now)) {
            throw reject(EXPIRED, "the id_token expired at " + exp.toInstant() + " (now " + now + ", allowing "
                    + skew.toSeconds() + " s of clock difference); launch again from the LMS");
        }
        if (iat.toInstant().minus(skew).isAfter(now)) {
            throw reject(ISSUED_IN_FUTURE, "the id_token says it was issued at " + iat.toInstant()
                    + ", in the future (now " + now + "); check the platform's clock");
        }
    }

    private void checkTargetLink(String target) {
        if (target == null) {
            throw reject(CLAIM_MISSING, "the id_token has no target_link_uri claim");
        }
        if (!properties.isOnThisTool(target)) {
            throw reject(TARGET_LINK_ELSEWHERE, "target_link_uri " + target + " is not on this tool (" + properties.baseUrlString() + ")");
        }
    }

    /**
     * Keeps the platform's product family (tool_platform.product_family_code: moodle, canvas, ...) as its launches
     * say, so scores are sent the way that LMS keeps them (gradebook/ScoreSemantics). An admin's override wins anyway.
     */
    private void noteProductFamily(JWTClaimsSet claims, Platform platform) {
        if (!(claims.getClaim(LTI + "tool_platform") instanceof Map<?, ?> toolPlatform)
                || !(toolPlatform.get("product_family_code") instanceof String code)) {
            return;
        }
        String family = code.strip();
        if (family.isEmpty() || family.length() > 100 || family.equals(platform.productFamily())) {
            return;
        }
        try {
            platforms.updateProductFamily(platform.id(), family);
        } catch (RuntimeException e) {
            LoggerFactory.getLogger(LaunchValidator.class).warn("Could not record product family '{}' for {}: {}",
                    family, platform.describe(), e.getMessage());
        }
    }

    static LaunchRejectedException reject(LaunchFailure failure, String detail) {
        return new LaunchRejectedException(failure, detail);
    }
}
