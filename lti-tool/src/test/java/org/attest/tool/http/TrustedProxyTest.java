package org.attest.tool.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.attest.tool.IntegrationTest;
import org.attest.tool.RawHttp;
import org.attest.tool.RawHttp.Response;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * Behind a reverse proxy the operator names in server.tomcat.remoteip.internal-proxies (here
 * 127.0.0.1), X-Forwarded-For and X-Forwarded-Proto from that proxy are believed; from any other
 * peer they are not.
 */
// A context of its own: closed after the class, so its database connections go back (PostgreSQL run).
@DirtiesContext
@TestPropertySource(properties = {
        "server.tomcat.remoteip.internal-proxies=127\\.0\\.0\\.1",
        "attest.rate-limit.enabled=true",
        "attest.rate-limit.login.per-address=2", "attest.rate-limit.login.per-platform=0", "attest.rate-limit.login.period=1h"})
class TrustedProxyTest extends IntegrationTest {

    @Test
    void theAddressTheTrustedProxyForwardsIsTheOneCounted() throws Exception {
        assertThat(login("127.0.0.1", "1.2.3.4").status()).isEqualTo(400);
        assertThat(login("127.0.0.1", "1.2.3.4").status()).isEqualTo(400);

        assertThat(login("127.0.0.1", "1.2.3.4").status()).isEqualTo(429);
        assertThat(login("127.0.0.1", "5.6.7.8").status()).as("another client behind the proxy").isEqualTo(400);
        assertThat(login("127.0.6.1", "1.2.3.4").status()).as("not the proxy: its own address counts").isEqualTo(400);
    }

    @Test
    void theSchemeTheTrustedProxyForwardsIsBelievedOnlyFromIt() throws Exception {
        Response viaProxy = RawHttp.get("127.0.0.1", port, "/.well-known/jwks.json", Map.of("X-Forwarded-Proto", "https"));
        Response direct = RawHttp.get("127.0.6.2", port, "/.well-known/jwks.json", Map.of("X-Forwarded-Proto", "https"));

        assertThat(viaProxy.header("Strict-Transport-Security")).isNotNull();
        assertThat(direct.header("Strict-Transport-Security")).isNull();
    }

    private Response login(String peer, String forwardedFor) throws IOException {
        return RawHttp.get(peer, port, "/lti/login?iss=" + URLEncoder.encode("https://lms-" + UUID.randomUUID() + ".example",
                StandardCharsets.UTF_8) + "&login_hint=4&target_link_uri=x", Map.of("X-Forwarded-For", forwardedFor));
    }
}
