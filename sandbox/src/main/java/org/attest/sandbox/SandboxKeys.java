package org.attest.sandbox;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The sandbox platform's RSA keys: made at start, kept in memory only, published at /sandbox/jwks. The current
 * key signs id_tokens; a next key is published beside it, as a platform that rotates its keys does. After a restart
 * the keys are new, and Attest, which restarts with the sandbox in attest-sandbox.jar, fetches them afresh.
 */
@Component
@ConditionalOnSandbox
class SandboxKeys {

    private final RSAKey key = newKey();
    private final RSAKey next = newKey();

    private static RSAKey newKey() {
        try {
            return new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256)
                    .keyID("sandbox-" + UUID.randomUUID()).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("could not make the sandbox's RSA keys", e);
        }
    }

    String sign(JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).type(JOSEObjectType.JWT)
                    .build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("could not sign with the sandbox's key", e);
        }
    }

    JWKSet publicJwks() {
        return new JWKSet(List.of(key.toPublicJWK(), next.toPublicJWK()));
    }
}
