package org.attest.tool.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.attest.tool.IntegrationTest;
import org.attest.tool.RawHttp;
import org.attest.tool.RawHttp.Response;
import org.attest.tool.lti.internal.OperatorSetup;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * The endpoints anyone may call (login, launch, registration, setup links) over real HTTP from
 * several loopback addresses: a client gets its limit, then 429 with Retry-After; other addresses and
 * platforms are not affected; and an address a client claims in X-Forwarded-For is not believed.
 */
// A context of its own: closed after the class, so its database connections go back (PostgreSQL run).
@DirtiesContext
@TestPropertySource(properties = {
        "attest.rate-limit.enabled=true",
        "attest.rate-limit.login.per-address=3", "attest.rate-limit.login.per-platform=5", "attest.rate-limit.login.period=1h",
        "attest.rate-limit.launch.per-address=3", "attest.rate-limit.launch.per-platform=5", "attest.rate-limit.launch.period=1h",
        "attest.rate-limit.registration.per-address=2", "attest.rate-limit.registration.period=1h",
        "attest.rate-limit.setup.per-address=2", "attest.rate-limit.setup.period=1h",
        "attest.rate-limit.eqa-sign-in.per-address=2", "attest.rate-limit.eqa-sign-in.period=1h",
        "attest.rate-limit.witness-link.per-address=2", "attest.rate-limit.witness-link.period=1h"})
class RateLimitTest extends IntegrationTest {

    @Autowired
    OperatorSetup setup;

    @Test
    void loginIsRefusedWith429AndRetryAfterOnceAnAddressHasUsedItsLimit() throws Exception {
        String platform = newIssuer();
        for (int i = 0; i < 3; i++) {
            assertThat(login("127.0.0.2", platform, Map.of()).status()).isEqualTo(400); // unknown platform, but counted
        }

        Response fourth = login("127.0.0.2", platform, Map.of());

        assertThat(fourth.status()).isEqualTo(429);
        assertThat(Long.parseLong(fourth.header("Retry-After"))).isBetween(1L, 3600L);
        assertThat(fourth.header("Content-Type")).startsWith("text/html");
        assertThat(fourth.body()).contains("Too many requests", "from your network", "nothing was done", "try again in");
        assertThat(fourth.header("Content-Security-Policy")).contains("default-src 'none'", "base-uri 'none'");
        assertThat(fourth.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(login("127.0.0.3", platform, Map.of()).status()).as("another address").isEqualTo(400);
    }

    @Test
    void loginsForOnePlatformAreLimitedAcrossAddressesAndOtherPlatformsAreNot() throws Exception {
        String platform = newIssuer();
        for (int i = 0; i < 5; i++) {
            assertThat(login("127.0.1." + i, platform, Map.of("client_id", "abc")).status()).isEqualTo(400);
        }

        Response sixth = login("127.0.1.9", platform, Map.of("client_id", "abc"));

        assertThat(sixth.status()).isEqualTo(429);
        assertThat(sixth.header("Retry-After")).isNotBlank();
        assertThat(sixth.body()).contains("for this platform");
        assertThat(login("127.0.1.9", platform, Map.of("client_id", "another-client")).status()).isEqualTo(400);
        assertThat(login("127.0.1.9", newIssuer(), Map.of()).status()).isEqualTo(400);
    }

    @Test
    void launchesAreCountedPerAddressAndPerTheIssuerTheTokenClaims() throws Exception {
        String platform = newIssuer();
        for (int i = 0; i < 3; i++) {
            assertThat(launch("127.0.2.1", platform).status()).isNotEqualTo(429);
        }
        assertThat(launch("127.0.2.1", platform).status()).isEqualTo(429);
        assertThat(launch("127.0.2.2", platform).status()).isNotEqualTo(429);
        assertThat(launch("127.0.2.2", platform).status()).isNotEqualTo(429);

        Response sixthForPlatform = launch("127.0.2.3", platform);

        assertThat(sixthForPlatform.status()).isEqualTo(429);
        assertThat(sixthForPlatform.body()).contains("too many launches for this platform");
        assertThat(launch("127.0.2.3", newIssuer()).status()).isNotEqualTo(429);
    }

    @Test
    void registrationAndSetupLinksAreLimitedPerAddress() throws Exception {
        String configuration = "?openid_configuration=" + URLEncoder.encode("http://127.0.0.1:1/openid-configuration", StandardCharsets.UTF_8);
        assertThat(RawHttp.get("127.0.3.1", port, "/lti/register" + configuration, Map.of()).status()).isNotEqualTo(429);
        assertThat(RawHttp.get("127.0.3.1", port, "/lti/register/made-up-token" + configuration, Map.of()).status()).isNotEqualTo(429);
        Response third = RawHttp.get("127.0.3.1", port, "/lti/register" + configuration, Map.of());
        assertThat(third.status()).isEqualTo(429);
        assertThat(Long.parseLong(third.header("Retry-After"))).isGreaterThan(60); // two an hour: the next in 30 minutes

        assertThat(RawHttp.get("127.0.3.2", port, "/admin/setup/made-up", Map.of()).status()).isEqualTo(403);
        assertThat(RawHttp.get("127.0.3.2", port, "/admin/setup/made-up", Map.of()).status()).isEqualTo(403);
        Response setupThird = RawHttp.get("127.0.3.2", port, "/admin/setup/made-up", Map.of());
        assertThat(setupThird.status()).isEqualTo(429);
        assertThat(setupThird.body()).contains("too many setup link attempts");
    }

    @Test
    void externalVerifierSignInLinksAreLimitedPerAddress() throws Exception {
        String link = "/eqa/" + "m".repeat(43);
        assertThat(RawHttp.get("127.0.3.3", port, link, Map.of()).status()).isEqualTo(404);
        assertThat(RawHttp.get("127.0.3.3", port, link, Map.of()).status()).isEqualTo(404);
        Response third = RawHttp.get("127.0.3.3", port, link, Map.of());
        assertThat(third.status()).isEqualTo(429);
        assertThat(third.body()).contains("too many external verifier sign-in attempts");
        assertThat(RawHttp.get("127.0.3.4", port, link, Map.of()).status()).as("another address").isEqualTo(404);
    }

    @Test
    void witnessLinksAreLimitedPerAddress() throws Exception {
        String link = "/witness/" + "w".repeat(43);
        assertThat(RawHttp.get("127.0.3.5", port, link, Map.of()).status()).isEqualTo(404);
        assertThat(RawHttp.get("127.0.3.5", port, link, Map.of()).status()).isEqualTo(404);
        Response third = RawHttp.get("127.0.3.5", port, link, Map.of());
        assertThat(third.status()).isEqualTo(429);
        assertThat(third.body()).contains("too many witness link requests");
        assertThat(RawHttp.get("127.0.3.6", port, link, Map.of()).status()).as("another address").isEqualTo(404);
    }

    @Test
    void pagesOutsideTheLimitedEndpointsAreNotCounted() throws Exception {
        for (int i = 0; i < 10; i++) {
            assertThat(RawHttp.get("127.0.4.1", port, "/.well-known/jwks.json", Map.of()).status()).isEqualTo(200);
        }
    }

    @Test
    void anAddressAClientClaimsInXForwardedForIsNotBelieved() throws Exception {
        String platform = newIssuer();
        for (String claimed : new String[] {"1.2.3.4", "5.6.7.8", "9.9.9.9"}) {
            assertThat(login("127.0.5.1", platform, Map.of(), Map.of("X-Forwarded-For", claimed)).status()).isEqualTo(400);
        }

        Response fourth = login("127.0.5.1", platform, Map.of(), Map.of("X-Forwarded-For", "10.20.30.40"));

        assertThat(fourth.status()).as("every request counted against the real address").isEqualTo(429);
    }

    @Test
    void forwardedHostAndProtoFromAClientChangeNoRedirectAndNoSecurityHeader() throws Exception {
        String link = setup.newLink();

        Response response = RawHttp.get("127.0.5.2", port, URI.create(link).getRawPath(), Map.of(
                "X-Forwarded-Host", "evil.example", "X-Forwarded-Proto", "https", "X-Forwarded-Port", "443"));

        assertThat(response.status()).isEqualTo(303);
        assertThat(response.header("Location")).startsWith("/s/").doesNotContain("evil.example");
        assertThat(response.header("Strict-Transport-Security")).as("the request is not taken for HTTPS").isNull();
    }

    private Response login(String from, String issuer, Map<String, String> extra) throws IOException {
        return login(from, issuer, extra, Map.of());
    }

    private Response login(String from, String issuer, Map<String, String> extra, Map<String, String> headers) throws IOException {
        StringBuilder query = new StringBuilder("/lti/login?iss=" + URLEncoder.encode(issuer, StandardCharsets.UTF_8)
                + "&login_hint=4&target_link_uri=" + URLEncoder.encode(baseUrl() + "/lti/launch", StandardCharsets.UTF_8));
        extra.forEach((k, v) -> query.append('&').append(k).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return RawHttp.get(from, port, query.toString(), headers);
    }

    private Response launch(String from, String issuer) throws IOException {
        String idToken = new PlainJWT(new JWTClaimsSet.Builder().issuer(issuer).subject("s").build()).serialize();
        byte[] form = ("id_token=" + URLEncoder.encode(idToken, StandardCharsets.UTF_8) + "&state=made-up")
                .getBytes(StandardCharsets.UTF_8);
        return RawHttp.send(from, port, "POST", "/lti/launch", Map.of("Content-Type", "application/x-www-form-urlencoded"), form);
    }

    private static String newIssuer() {
        return "https://lms-" + UUID.randomUUID() + ".example";
    }
}
