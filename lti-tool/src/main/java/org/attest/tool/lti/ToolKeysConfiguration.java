package org.attest.tool.lti;

import java.time.Clock;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

@Configuration(proxyBeanMethods = false)
class ToolKeysConfiguration {

    /** The tool's own keys: sign deep-linking responses and service-token assertions; published at /.well-known/jwks.json. */
    @Bean
    @Qualifier("tool")
    SigningKeys toolKeys(JdbcClient jdbc, TransactionTemplate transactions, Clock clock, LtiProperties properties,
            KeysProperties keysProperties, Environment environment) {
        KeyEncryption encryption = KeyEncryptionKeys.from(keysProperties, environment.matchesProfiles("prod"));
        SigningKeys keys = new SigningKeys(jdbc, transactions, clock, "TOOL", properties.lti().keyRotationGrace(), encryption);
        keys.ensureKeys();
        return keys;
    }
}
