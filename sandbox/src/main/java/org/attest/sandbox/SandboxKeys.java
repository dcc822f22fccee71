package org.attest.sandbox;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import java.time.Clock;
import org.attest.tool.lti.LtiProperties;
import org.attest.tool.lti.SigningKeys;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The sandbox platform's own RSA keys (owner SANDBOX in tool_key), apart from the tool's: they sign
 * id_tokens and are published at /sandbox/jwks. Kept out of the bean graph as a {@link SigningKeys},
 * so nothing that asks for the tool's keys could be handed these.
 */
@Component
@ConditionalOnSandbox
class SandboxKeys {

    private final SigningKeys keys;

    SandboxKeys(JdbcClient jdbc, TransactionTemplate transactions, Clock clock, LtiProperties properties) {
        this.keys = new SigningKeys(jdbc, transactions, clock, "SANDBOX", properties.lti().keyRotationGrace());
        keys.ensureKeys();
    }

    String sign(JWTClaimsSet claims) {
        return keys.sign(claims);
    }

    JWKSet publicJwks() {
        return keys.publicJwks();
    }
}
