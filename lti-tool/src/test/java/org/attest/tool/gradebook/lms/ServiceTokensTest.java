package org.attest.tool.gradebook.lms;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.attest.tool.IntegrationTest;
import org.attest.tool.lti.PlatformHttp;
import org.attest.tool.lti.SigningKeys;
import org.attest.tool.lti.TestPlatform;
import org.attest.tool.lti.TestPlatformHttp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;

class ServiceTokensTest extends IntegrationTest {

    private static final Set<String> AGS = Set.of(AgsClient.SCOPE_SCORE, AgsClient.SCOPE_LINE_ITEM);

    @Autowired
    @Qualifier("tool")
    SigningKeys toolKeys;

    private final ServicePlatform lms = new ServicePlatform();
    private final ServicePlatform.MovableClock clock = new ServicePlatform.MovableClock();
    private ServiceTokens tokens;

    @BeforeEach
    void wire() {
        tokens = lms.clients(toolKeys, TestPlatformHttp.onLoopback(), clock).tokens();
    }

    @AfterEach
    void stop() {
        lms.close();
    }

    @Test
    void requestsTokenWithClientAssertionSignedByTheToolsPublishedKey() throws Exception {
        lms.issuesTokens("tok-1");

        String token = tokens.token(lms.platform, AGS);

        assertEquals("tok-1", token);
        LoggedRequest request = lms.server.findAll(postRequestedFor(urlPathEqualTo(ServicePlatform.TOKEN_PATH))).get(0);
        assertTrue(request.getHeader("Content-Type").startsWith("application/x-www-form-urlencoded"));
        assertEquals(PlatformHttp.USER_AGENT, request.getHeader("User-Agent"));
        Map<String, String> form = form(request.getBodyAsString());
        assertEquals("client_credentials", form.get("grant_type"));
        assertEquals("urn:ietf:params:oauth:client-assertion-type:jwt-bearer", form.get("client_assertion_type"));
        assertEquals(AgsClient.SCOPE_LINE_ITEM + " " + AgsClient.SCOPE_SCORE, form.get("scope"));
        SignedJWT assertion = SignedJWT.parse(form.get("client_assertion"));
        JWKSet published = JWKSet.parse(TestPlatform.getPage(baseUrl() + "/.well-known/jwks.json").body());
        RSAKey key = (RSAKey) published.getKeyByKeyId(assertion.getHeader().getKeyID());
        assertNotNull(key, "the assertion's kid names a key in the tool's JWKS");
        assertTrue(assertion.verify(new RSASSAVerifier(key)));
        JWTClaimsSet claims = assertion.getJWTClaimsSet();
        assertEquals(lms.platform.clientId(), claims.getIssuer());
        assertEquals(lms.platform.clientId(), claims.getSubject());
        assertEquals(List.of(lms.platform.tokenEndpoint()), claims.getAudience());
        long lifetime = Duration.between(claims.getIssueTime().toInstant(), claims.getExpirationTime().toInstant()).toSeconds();
        assertTrue(lifetime > 0 && lifetime <= 300, "assertion lives " + lifetime + " s");
        assertFalse(claims.getJWTID().isBlank());
    }

    @Test
    void everyTokenRequestHasAFreshJti() throws Exception {
        lms.issuesTokens("tok-1", "tok-2");

        tokens.token(lms.platform, AGS);
        tokens.invalidate(lms.platform, AGS);
        assertEquals("tok-2", tokens.token(lms.platform, AGS));

        List<String> jtis = new ArrayList<>();
        for (LoggedRequest r : lms.server.findAll(postRequestedFor(urlPathEqualTo(ServicePlatform.TOKEN_PATH)))) {
            jtis.add(SignedJWT.parse(form(r.getBodyAsString()).get("client_assertion")).getJWTClaimsSet().getJWTID());
        }
        assertEquals(2, jtis.size());
        assertNotEquals(jtis.get(0), jtis.get(1));
    }

    @Test
    void cachesOneTokenPerPlatformAndScopeSetWhateverTheOrder() throws Exception {
        lms.issuesTokens("tok-1");

        for (int i = 0; i < 100; i++) {
            tokens.token(lms.platform, i % 2 == 0 ? AGS : new TreeSet<>(AGS).descendingSet());
        }
        assertEquals(1, lms.tokenRequests());

        tokens.token(lms.platform, Set.of(NrpsClient.SCOPE_MEMBERSHIPS));
        assertEquals(2, lms.tokenRequests());
    }

    @Test
    void concurrentCallersShareOneTokenRequest() throws Exception {
        lms.server.stubFor(post(urlPathEqualTo(ServicePlatform.TOKEN_PATH)).willReturn(aResponse().withFixedDelay(300)
                .withHeader("Content-Type", "application/json").withBody("{\"access_token\":\"tok-1\",\"expires_in\":3600}")));
        ExecutorService pool = Executors.newFixedThreadPool(16);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return tokens.token(lms.platform, AGS);
                }));
            }
            start.countDown();
            for (Future<String> answer : answers) {
                assertEquals("tok-1", answer.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, lms.tokenRequests());
    }

    @Test
    void fetchesAgainOneMinuteBeforeTheTokenExpires() throws Exception {
        lms.issuesTokens("tok-1", "tok-2");
        tokens.token(lms.platform, AGS);

        clock.advance(Duration.ofSeconds(3600 - 61));
        assertEquals("tok-1", tokens.token(lms.platform, AGS));
        clock.advance(Duration.ofSeconds(2));
        assertEquals("tok-2", tokens.token(lms.platform, AGS));

        assertEquals(2, lms.tokenRequests());
    }

    @Test
    void refusedScopeIsNotRetryableAndSaysWhatToEnable() {
        lms.server.stubFor(post(urlPathEqualTo(ServicePlatform.TOKEN_PATH)).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json").withBody("{\"error\":\"invalid_scope\"}")));

        PlatformCallFailed failed = assertThrows(PlatformCallFailed.class, () -> tokens.token(lms.platform, AGS));

        assertEquals(400, failed.status());
        assertFalse(failed.retryable());
        assertEquals(lms.platform.tokenEndpoint(), failed.url());
        assertTrue(failed.getMessage().contains("Test Moodle"), failed.getMessage());
        assertTrue(failed.getMessage().contains(lms.platform.tokenEndpoint()), failed.getMessage());
        assertTrue(failed.getMessage().contains("invalid_scope"), failed.getMessage());
        assertTrue(failed.getMessage().contains("enable Assignment and Grade Services"), failed.getMessage());
    }

    @Test
    void aFailedTokenRequestIsNotCached() throws Exception {
        lms.server.stubFor(post(urlPathEqualTo(ServicePlatform.TOKEN_PATH)).willReturn(aResponse().withStatus(503)));
        PlatformCallFailed failed = assertThrows(PlatformCallFailed.class, () -> tokens.token(lms.platform, AGS));
        assertTrue(failed.retryable());

        lms.server.resetMappings();
        lms.issuesTokens("tok-1");

        assertEquals("tok-1", tokens.token(lms.platform, AGS));
    }

    static Map<String, String> form(String body) {
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            String[] kv = pair.split("=", 2);
            form.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return form;
    }
}
