package org.attest.tool.lti;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.serverError;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.attest.tool.lti.LaunchFailure.*;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.http.Fault;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import java.net.URI;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import org.attest.tool.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Every way a login or launch can be forged, tampered with, replayed or mis-addressed, over real
 * HTTP against the running tool, with WireMock playing a Moodle-shaped platform. Each refusal must
 * name its reason code with the right status, redirect nowhere, set no cookie, start no launch
 * session and neither create nor use up a login state; the positive controls show the same path
 * accepts what it should.
 */
class LaunchAttackBatteryTest extends IntegrationTest {

    private static final String LTI = LaunchClaims.LTI;
    private static final String DL = LaunchClaims.DL;
    private static final String JWKS_PATH = "/moodle/mod/lti/certs.php";

    @Autowired
    PlatformRegistry registry;

    @Autowired
    JdbcClient jdbc;

    TestPlatform moodle;
    Platform registered;
    final List<UUID> platformIds = new ArrayList<>();

    /** The test's platform and tool, for cases written before either exists. */
    record Setting(TestPlatform platform, String toolBase, int toolPort) {
    }

    @FunctionalInterface
    interface Attack {
        HttpResponse<String> send() throws Exception;
    }

    @BeforeEach
    void registerPlatform() throws Exception {
        moodle = TestPlatform.start();
        registered = moodle.register(registry);
        platformIds.add(registered.id());
    }

    @AfterEach
    void stopPlatform() {
        moodle.close();
    }

    // ---------------------------------------------------------------- signed claims that break a rule

    /** A token genuinely signed by the platform for the right login, with one claim wrong. */
    record ForgedClaims(String description, boolean deepLinking, ClaimChange change, int status, LaunchFailure reason, String detail) {
        @Override
        public String toString() {
            return description;
        }
    }

    @FunctionalInterface
    interface ClaimChange {
        void apply(JWTClaimsSet.Builder claims, Setting setting);
    }

    static ForgedClaims resourceLink(String description, ClaimChange change, int status, LaunchFailure reason, String detail) {
        return new ForgedClaims(description, false, change, status, reason, detail);
    }

    static ForgedClaims resourceLink(String description, Consumer<JWTClaimsSet.Builder> change, int status, LaunchFailure reason,
            String detail) {
        return new ForgedClaims(description, false, (c, s) -> change.accept(c), status, reason, detail);
    }

    static ForgedClaims deepLinking(String description, Consumer<JWTClaimsSet.Builder> change, int status, LaunchFailure reason,
            String detail) {
        return new ForgedClaims(description, true, (c, s) -> change.accept(c), status, reason, detail);
    }

    static void times(JWTClaimsSet.Builder claims, long iatSeconds, long expSeconds) {
        Instant now = Instant.now();
        claims.issueTime(Date.from(now.plusSeconds(iatSeconds))).expirationTime(Date.from(now.plusSeconds(expSeconds)));
    }

    @SuppressWarnings("unchecked")
    static void changeDeepLinkingSettings(JWTClaimsSet.Builder claims, String name, Object value) {
        Map<String, Object> settings = new LinkedHashMap<>((Map<String, Object>) claims.build().getClaim(DL + "deep_linking_settings"));
        settings.put(name, value);
        settings.values().removeIf(v -> v == null);
        claims.claim(DL + "deep_linking_settings", settings);
    }

    static Stream<ForgedClaims> forgedClaims() {
        return Stream.of(
                resourceLink("expired beyond the 60 s clock skew", c -> times(c, -240, -120), 401, EXPIRED, "expired at"),
                resourceLink("issued in the future beyond the skew", c -> times(c, 120, 180), 401, ISSUED_IN_FUTURE, "in the future"),
                resourceLink("no exp", c -> c.expirationTime(null), 400, CLAIM_MISSING, "needs both exp and iat"),
                resourceLink("no iat", c -> c.issueTime(null), 400, CLAIM_MISSING, "needs both exp and iat"),
                resourceLink("issuer no platform is registered with", c -> c.issuer("https://moodle.attacker.example"),
                        401, ISSUER_MISMATCH, "issuer 'https://moodle.attacker.example' is not"),
                resourceLink("aud naming another tool", c -> c.audience("another-tool"), 401, AUDIENCE_MISMATCH,
                        "audience [another-tool] does not contain the client id"),
                resourceLink("aud array without the client id", c -> c.audience(List.of("tool-a", "tool-b")), 401, AUDIENCE_MISMATCH,
                        "does not contain the client id"),
                resourceLink("aud array with the client id but no azp",
                        (c, s) -> c.audience(List.of(s.platform().clientId, "another-tool")), 401, AZP_MISMATCH,
                        "several audiences"),
                resourceLink("azp naming another client",
                        (c, s) -> c.audience(List.of(s.platform().clientId, "another-tool")).claim("azp", "another-tool"),
                        401, AZP_MISMATCH, "azp 'another-tool' is not the client id"),
                resourceLink("azp naming another client beside a plain aud", c -> c.claim("azp", "another-tool"), 401, AZP_MISMATCH,
                        "azp 'another-tool' is not the client id"),
                resourceLink("no nonce", c -> c.claim("nonce", null), 401, NONCE_MISSING, "has no nonce"),
                resourceLink("nonce that is not a string", c -> c.claim("nonce", 12345), 401, NONCE_MISSING, "has no nonce"),
                resourceLink("nonce of another login", c -> c.claim("nonce", "EXHe7INkEW4YDdzRfMyRxA"), 401, NONCE_MISMATCH,
                        "does not match the one sent with this login"),
                resourceLink("unregistered deployment", c -> c.claim(LTI + "deployment_id", "99"), 403, DEPLOYMENT_UNKNOWN,
                        "deployment '99' is not registered"),
                resourceLink("no deployment_id", c -> c.claim(LTI + "deployment_id", null), 400, CLAIM_MISSING, "no deployment_id claim"),
                resourceLink("message type Attest does not handle", c -> c.claim(LTI + "message_type", "LtiSubmissionReviewRequest"),
                        400, MESSAGE_TYPE_UNSUPPORTED, "message type 'LtiSubmissionReviewRequest'"),
                resourceLink("no message type", c -> c.claim(LTI + "message_type", null), 400, MESSAGE_TYPE_UNSUPPORTED,
                        "message type 'null'"),
                resourceLink("LTI version 1.1.0", c -> c.claim(LTI + "version", "1.1.0"), 400, VERSION_UNSUPPORTED,
                        "LTI version '1.1.0' is not 1.3.0"),
                resourceLink("target link on another host", c -> c.claim(LTI + "target_link_uri", "http://attacker.example/lti/launch"),
                        400, TARGET_LINK_ELSEWHERE, "target_link_uri http://attacker.example/lti/launch is not on this tool"),
                resourceLink("target link on another port",
                        (c, s) -> c.claim(LTI + "target_link_uri", "http://127.0.0.1:" + (s.toolPort() + 1) + "/lti/launch"),
                        400, TARGET_LINK_ELSEWHERE, "is not on this tool"),
                resourceLink("target link with another scheme",
                        (c, s) -> c.claim(LTI + "target_link_uri", "https://127.0.0.1:" + s.toolPort() + "/lti/launch"),
                        400, TARGET_LINK_ELSEWHERE, "is not on this tool"),
                resourceLink("target link hiding another host behind user info",
                        (c, s) -> c.claim(LTI + "target_link_uri", "http://127.0.0.1:" + s.toolPort() + "@attacker.example/lti/launch"),
                        400, TARGET_LINK_ELSEWHERE, "is not on this tool"),
                resourceLink("no target_link_uri", c -> c.claim(LTI + "target_link_uri", null), 400, CLAIM_MISSING,
                        "no target_link_uri claim"),
                resourceLink("no sub", c -> c.subject(null), 400, CLAIM_MISSING, "no sub (user id)"),
                resourceLink("blank sub", c -> c.subject("  "), 400, CLAIM_MISSING, "no sub (user id)"),
                resourceLink("no roles claim", c -> c.claim(LTI + "roles", null), 400, CLAIM_MISSING, "no roles claim"),
                resourceLink("roles a string, not an array",
                        c -> c.claim(LTI + "roles", "http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor"),
                        400, CLAIM_MISSING, "no roles claim"),
                resourceLink("resource link launch without resource_link", c -> c.claim(LTI + "resource_link", null), 400, CLAIM_MISSING,
                        "resource_link claim with an id"),
                resourceLink("resource link launch without resource_link.id",
                        c -> c.claim(LTI + "resource_link", Map.of("title", "Lab LTI Activity")), 400, CLAIM_MISSING,
                        "resource_link claim with an id"),
                deepLinking("deep linking request without deep_link_return_url",
                        c -> changeDeepLinkingSettings(c, "deep_link_return_url", null), 400, CLAIM_MISSING, "deep_link_return_url"),
                deepLinking("deep linking request without deep_linking_settings", c -> c.claim(DL + "deep_linking_settings", null),
                        400, CLAIM_MISSING, "deep_link_return_url"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forgedClaims")
    void refusesSignedTokenWhoseClaimsBreakTheRules(ForgedClaims attack) throws Exception {
        TestPlatform.AuthRequest auth = moodle.login(baseUrl());
        JWTClaimsSet.Builder claims = attack.deepLinking()
                ? moodle.deepLinkingClaims(baseUrl(), auth.nonce()) : moodle.resourceLinkClaims(baseUrl(), auth.nonce());
        attack.change().apply(claims, setting());
        String idToken = moodle.sign(claims.build());

        assertRefused(attack.status(), attack.reason(), attack.detail(), () -> moodle.launch(baseUrl(), idToken, auth.state()));
    }

    /** Registered claims of the wrong JSON type, which a claims builder would not produce. */
    record WrongType(String description, String claim, Object value) {
        @Override
        public String toString() {
            return description;
        }
    }

    static Stream<WrongType> registeredClaimsOfTheWrongType() {
        return Stream.of(
                new WrongType("exp as text", "exp", "tomorrow"),
                new WrongType("iat as an object", "iat", Map.of("seconds", 1)),
                new WrongType("aud as a number", "aud", 42),
                new WrongType("iss as a list", "iss", List.of("a", "b")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("registeredClaimsOfTheWrongType")
    void refusesSignedTokenWithRegisteredClaimsOfTheWrongType(WrongType attack) throws Exception {
        TestPlatform.AuthRequest auth = moodle.login(baseUrl());
        Map<String, Object> claims = new LinkedHashMap<>(moodle.resourceLinkClaims(baseUrl(), auth.nonce()).build().toJSONObject());
        claims.put(attack.claim(), attack.value());
        String idToken = AttackCases.signRawPayload(JSONObjectUtils.toJSONString(claims), moodle.key);

        assertRefused(400, TOKEN_MALFORMED, "claims are not a JSON object", () -> moodle.launch(baseUrl(), idToken, auth.state()));
    }

    @Test
    void acceptsTokenThatExpiredWithinTheClockSkew() throws Exception {
        TestPlatform.AuthRequest auth = moodle.login(baseUrl());
        JWTClaimsSet.Builder claims = moodle.resourceLinkClaims(baseUrl(), auth.nonce());
        times(claims, -105, -45);
        String idToken = moodle.sign(claims.build());

        assertLaunched(() -> moodle.launch(baseUrl(), idToken, auth.state()));
    }

    // ---------------------------------------------------------------- signature and algorithm

    @Test
    void rejectsUnsignedTokenWithAlgNone() throws Exception {
        TestPlatform.AuthRequest auth = moodle.login(baseUrl());
        String idToken = AttackCases.unsigned(moodle.resourceLinkClaims(baseUrl(), auth.nonce()).build());

        assertRefused(401, TOKEN_UNSIGNED, "unsigned (alg none)", () -> moodle.launch(baseUrl(), idToken, auth.state()));
    }

    @Test
    void rejectsTokenSignedWithHmacUsingThePublicKey() throws Exception {
        TestPlatform.AuthRequest auth = moodle.login(baseUrl());
        String idToken = AttackCases.hmacWithPublicKey(moodle.resourceLinkClaims(baseUrl(), auth.nonce()).build(), moodle.key);

        assertRefused(401, ALGORITHM_NOT_ALLOWED, "signed with HS256", () -> moodle.launch(baseUrl(), idToken, auth.state()));
    }

    static Stream<String> algorithmsOtherThanRsaAndEs256() {
        return Stream.of("None", "NONE", "HS512", "PS256", "ES384", "EdDSA", "RS1");
    }

    @ParameterizedTest(name = "alg {0}")
    @MethodSource("algorithmsOtherThanRsaAndEs256")
    void rejectsTokenSignedWithAnAlgorithmOutsideTheAllowList(String alg) throws Exception {
        TestPlatform.AuthRequest auth = moodle.login(baseUrl());
        String idToken = AttackCases.withAlgorithm(alg, moodle.key.getKeyID(), moodle.resourceLinkClaims(baseUrl(), auth.nonce()).build());

        assertRefused(401, ALGORITHM_NOT_ALLOWED, "signed with " + alg, () -> moodle.launch(baseUrl(), idToken, auth.state()));
    }

    @Test
    void refetchesKeysOnceForAnUnknownKidThenRefusesIt() throws Exception {
        assertLaunched(() -> moodle.fullLaunch(baseUrl()));
        int fetchesBefore = jwksFetches();
        RSAKey unpublished = TestPlatform.newKey();
        TestPlatform.AuthRequest auth = moodle.login(baseUrl());
        String idToken = TestPlatform.sign(moodle.resourceLinkClaims(baseUrl(), auth.nonce()).build(), unpublished, JWSAlgorithm.RS256);

        assertRefused(401, KEY_UNKNOWN, "signed with key '" + unpublished.getKeyID() + "' (RS256), which " + moodle.jwksUrl()
                + " does not publish", () -> moodle.launch(baseUrl(), idToken, auth.state()));
        assertThat(jwksFetches()).as("JWKS fetched again once for the unknown kid").isEqualTo(fetchesBefore + 1);
    }

    @Test
    void doesNotRefetchKeysForASecondUnknownKidWithinTheRefreshInterval() throws Exception {
        assertLaunched(() -> moodle.fullLaunch(baseUrl()));
        TestPlatform.AuthRequest first = moodle.login(baseUrl());
        String firstToken = TestPlatform.sign(moodle.resourceLinkClaims(baseUrl(), first.nonce()).build(), TestPlatform.newKey(),
                JWSAlgorithm.RS256);
        assertRefused(401, KEY_UNKNOWN, "does not publish", () -> moodle.launch(baseUrl(), firstToken, first.state()));
        int fetchesAfterRefresh = jwksFetches();
        TestPlatform.AuthRequest second = moodle.login(baseUrl());
        RSAKey another = TestPlatform.newKey();
        String secondToken = TestPlatform.sign(moodle.resourceLinkClaims(baseUrl(), second.nonce()).build(), another, JWSAlgorithm.RS256);

        assertRefused(401, KEY_UNKNOWN, "signed with key '" + another.getKeyID() + "'",
                () -> moodle.launch(baseUrl(), secondToken, second.state()));
        assertThat(jwksFetches()).as("no second fetch within the refresh interval").isEqualTo(fetchesAfterRefresh);
    }

    @Test
    void rejectsTokenSignedByAnAttackerKeyUnderThePlatformsKid() throws Exception {
        TestPlatform.AuthRequest auth = moodle.login(baseUrl());
        RSAKey attacker = new RSAKey.Builder(TestPlatform.newKey()).keyID(moodle.key.getKeyID()).build();
        String idToken = TestPlatform.sign(moodle.resourceLinkClaims(baseUrl(), auth.nonce()).build(), attacker, JWSAlgorithm.RS256);

        assertRefused(401, SIGNATURE_INVALID, "signature does not verify", () -> moodle.launch(baseUrl(), idToken, auth.state()));
    }

    @Test
    void ignoresAKeyUrlNamedInTheTokenHeader() throws Exception {
        RSAKey attacker = TestPlatform.newKey();
        moodle.server.stubFor(get(urlPathEqualTo("/attacker/jwks.json")).willReturn(aResponse()
                .withHeader("Content-Type", "application/json").withBody(new JWKSet(attacker.toPublicJWK()).toString(true))));
        TestPlatform.AuthRequest auth = moodle.login(baseUrl());
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(attacker.getKeyID()).type(JOSEObjectType.JWT)
                .jwkURL(URI.create("http://127.0.0.1:" + moodle.server.port() + "/attacker/jwks.json")).build();
        String idToken = AttackCases.signed(header, moodle.resourceLinkClaims(baseUrl(), auth.nonce()).build(), new RSASSASigner(attacker));

        assertRefused(401, KEY_UNKNOWN, "does not publish", () -> moodle.launch(baseUrl(), idToken, auth.state()));
        assertThat(moodle.server.findAll(getRequestedFor(urlPathEqualTo("/attacker/jwks.json")))).isEmpty();
    }

    @Test
    void ignoresAKeyEmbeddedInTheTokenHeader() throws Exception {
        RSAKey attacker = TestPlatform.newKey();
        TestPlatform.AuthRequest auth = moodle.login(baseUrl());
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(attacker.getKeyID()).type(JOSEObjectType.JWT)
                .jwk(attacker.toPublicJWK()).build();
        String idToken = AttackCases.signed(header, moodle.resourceLinkClaims(baseUrl(), auth.nonce()).build(), new RSASSASigner(attacker));

        assertRefused(401, KEY_UNKNOWN, "does not publish", () -> moodle.launch(baseUrl(), idToken, auth.state()));
    }

    @Test
    void rejectsTokenWithACriticalHeaderParameterItDoesNotUnderstand() throws Exception {
        TestPlatform.AuthRequest auth = moodle.login(baseUrl());
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(moodle.key.getKeyID()).type(JOSEObjectType.JWT)
                .criticalParams(Set.of("exp-override")).customParam("exp-override", 4_102_444_800L).build();
        JWTClaimsSet claims = moodle.resourceLinkClaims(baseUrl(), auth.nonce()).build();
        String idToken = AttackCases.signed(header, claims, new RSASSASigner(moodle.key));

        assertRefused(401, SIGNATURE_INVALID, "signature does not verify", () -> moodle.launch(baseUrl(), idToken, auth.state()));
    }

    @Test
    void rejectsTokenWithTamperedPayload() throws Exception {
        TestPlatform.AuthRequest auth = moodle.login(baseUrl());
        String genuine = moodle.sign(moodle.resourceLinkClaims(baseUrl(), auth.nonce()).build());
        String tampered = AttackCases.tamperPayload(genuine);
        assertThat(tampered).isNotEqualTo(genuine).hasSameSizeAs(genuine);

        assertRefused(401, SIGNATURE_INVALID, "signature does not verify", () -> moodle.launch(baseUrl(), tampered, auth.state()));
    }

    @Test
    void rejectsTokenWithTamperedSignature() throws Exception {
        TestPlatform.AuthRequest auth = moodle.login(baseUrl());
        String tampered = AttackCases.tamperSignature(moodle.sign(moodle.resourceLinkClaims(baseUrl(), auth.nonce()).build()));

        assertRefused(401, SIGNATURE_INVALID, "signature does not verify", () -> moodle.launch(baseUrl(), tampered, auth.state()));
    }

    @Test
    void rejectsEs256TokenNamingThePlatformsRsaKid() throws Exception {
        TestPlatform.AuthRequest auth = moodle.login(baseUrl());
        ECKey attacker = new ECKey.Builder(AttackCases.newEcKey()).keyID(moodle.key.getKeyID()).build();
        String idToken = AttackCases.es256(moodle.resourceLinkClaims(baseUrl(), auth.nonce()).build(), attacker);

        assertRefused(401, KEY_UNKNOWN, "(ES256), which " + moodle.jwksUrl() + " does not publish",
                () -> moodle.launch(baseUrl(), idToken, auth.state()));
    }

    @Test
    void acceptsEs256TokenSignedWithAnEcKeyThePlatformPublishes() throws Exception {
        ECKey ec = AttackCases.newEcKey();
        moodle.publish(new JWKSet(List.<JWK>of(moodle.key.toPublicJWK(), ec.toPublicJWK())));
        TestPlatform.AuthRequest auth = moodle.login(baseUrl());
        String idToken = AttackCases.es256(moodle.resourceLinkClaims(baseUrl(), auth.nonce()).build(), ec);

        String location = assertLaunched(() -> moodle.launch(baseUrl(), idToken, auth.state()));
        assertThat(TestPlatform.getPage(baseUrl() + location).body()).contains("Sam Student", "LEARNER");
    }

    @Test
    void rejectsEs256TokenWithAnAllZeroSignature() throws Exception {
        ECKey ec = AttackCases.newEcKey();
        moodle.publish(new JWKSet(List.<JWK>of(moodle.key.toPublicJWK(), ec.toPublicJWK())));
        TestPlatform.AuthRequest auth = moodle.login(baseUrl());
        String idToken = AttackCases.es256WithZeroSignature(moodle.resourceLinkClaims(baseUrl(), auth.nonce()).build(), ec);

        assertRefused(401, SIGNATURE_INVALID, "signature does not verify", () -> moodle.launch(baseUrl(), idToken, auth.state()));
    }

    @Test
    void rejectsRs256TokenWhenThePublishedKeyIsPinnedToRs512() throws Exception {
        moodle.publish(new JWKSet(new RSAKey.Builder(moodle.key.toPublicJWK()).algorithm(JWSAlgorithm.RS512).build()));
        TestPlatform.AuthRequest auth = moodle.login(baseUrl());
        String idToken = moodle.sign(moodle.resourceLinkClaims(baseUrl(), auth.nonce()).build());

        assertRefused(401, KEY_UNKNOWN, "signed with key '" + moodle.key.getKeyID() + "' (RS256)",
                () -> moodle.launch(baseUrl(), idToken, auth.state()));
    }

    @Test
    void acceptsRs512TokenWhenThePublishedKeyIsPinnedToRs512() throws Exception {
        moodle.publish(new JWKSet(new RSAKey.Builder(moodle.key.toPublicJWK()).algorithm(JWSAlgorithm.RS512).build()));
        TestPlatform.AuthRequest auth = moodle.login(baseUrl());
        String idToken = TestPlatform.sign(moodle.resourceLinkClaims(baseUrl(), auth.nonce()).build(), moodle.key, JWSAlgorithm.RS512);

        assertLaunched(() -> moodle.launch(baseUrl(), idToken, auth.state()));
    }

    @Test
    void rejectsTokenSignedWithAKeyPublishedForEncryptionOnly() throws Exception {
        RSAKey encryptionKey = TestPlatform.newKey();
        moodle.publish(new JWKSet(List.<JWK>of(moodle.key.toPublicJWK(),
                new RSAKey.Builder(encryptionKey.toPublicJWK()).keyUse(KeyUse.ENCRYPTION).build())));
        TestPlatform.AuthRequest auth = moodle.login(baseUrl());
        String idToken = TestPlatform.sign(moodle.resourceLinkClaims(baseUrl(), auth.nonce()).build(), encryptionKey, JWSAlgorithm.RS256);

        assertRefused(401, KEY_UNKNOWN, "does not publish", () -> moodle.launch(baseUrl(), idToken, auth.state()));
    }

    // ---------------------------------------------------------------- malformed tokens

    @Test
    void rejectsOversizedTokenBeforeParsingIt() throws Exception {
        TestPlatform.AuthRequest auth = moodle.login(baseUrl());
        String idToken = moodle.sign(moodle.resourceLinkClaims(baseUrl(), auth.nonce()).claim("padding", "x".repeat(70_000)).build());
        assertThat(idToken.length()).isGreaterThan(64 * 1024);

        assertRefused(413, TOKEN_TOO_LARGE, "at most 65536 are accepted", () -> moodle.launch(baseUrl(), idToken, auth.state()));
    }

    /** Something that is not a usable JWT, and what the refusal says about it. */
    record Garbage(String description, String token, String detail) {
        @Override
        public String toString() {
            return description;
        }
    }

    static Stream<Garbage> garbageTokens() {
        String rs256 = Base64URL.encode("{\"alg\":\"RS256\",\"typ\":\"JWT\"}").toString();
        String deep = "[".repeat(20_000) + "]".repeat(20_000);
        String notAJwt = "the id_token is not a JWT";
        String notClaims = "the id_token's claims are not a JSON object";
        return Stream.of(
                new Garbage("plain text", "this is not a token", notAJwt),
                new Garbage("only the dots", "..", notAJwt),
                new Garbage("three words", "a.b.c", notAJwt),
                new Garbage("a header and nothing else", Base64URL.encode("{\"alg\":\"RS256\"}").toString(), notAJwt),
                new Garbage("header without alg", "e30.e30.e30", notAJwt),
                new Garbage("header that is not JSON", "bm90IGpzb24.e30.c2ln", notAJwt),
                new Garbage("five parts of nonsense", "a.b.c.d.e", notAJwt),
                new Garbage("header nested 20000 deep", Base64URL.encode("{\"alg\":\"RS256\",\"x\":" + deep + "}") + ".e30.c2ln", notAJwt),
                new Garbage("claims a JSON array", rs256 + "." + Base64URL.encode("[1,2,3]") + ".c2ln", notClaims),
                new Garbage("claims not JSON", rs256 + "." + Base64URL.encode("not json at all") + ".c2ln", notClaims),
                new Garbage("claims nested 20000 deep", rs256 + "." + Base64URL.encode("{\"x\":" + deep + "}") + ".c2ln", notClaims));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("garbageTokens")
    void rejectsGarbageInsteadOfAToken(Garbage garbage) throws Exception {
        TestPlatform.AuthRequest auth = moodle.login(baseUrl());

        assertRefused(400, TOKEN_MALFORMED, garbage.detail(), () -> moodle.launch(baseUrl(), garbage.token(), auth.state()));
    }

    @Test
    void rejectsEncryptedToken() throws Exception {
        TestPlatform.AuthRequest auth = moodle.login(baseUrl());
        String idToken = AttackCases.encrypted(moodle.resourceLinkClaims(baseUrl(), auth.nonce()).build(), moodle.key);

        assertRefused(400, TOKEN_MALFORMED, "the id_token is encrypted", () -> moodle.launch(baseUrl(), idToken, auth.state()));
    }

    @Test
    void rejectsLaunchWithoutIdToken() throws Exception {
        TestPlatform.AuthRequest auth = moodle.login(baseUrl());

        assertRefused(400, TOKEN_MISSING, "has no id_token", () -> moodle.launch(baseUrl(), null, auth.state()));
    }

    // ---------------------------------------------------------------- state, nonce and replay

    @Test
    void rejectsLaunchWithoutState() throws Exception {
        TestPlatform.AuthRequest auth = moodle.login(baseUrl());
        String idToken = moodle.sign(moodle.resourceLinkClaims(baseUrl(), auth.nonce()).build());

        assertRefused(400, STATE_MISSING, "has no state", () -> moodle.launch(baseUrl(), idToken, null));
    }

    static Stream<String> unknownStates() {
        return Stream.of("x".repeat(32), "' OR '1'='1", "s".repeat(5_000));
    }

    @ParameterizedTest(name = "[{index}] state {0}")
    @MethodSource("unknownStates")
    void rejectsStateTheToolNeverIssued(String state) throws Exception {
        TestPlatform.AuthRequest auth = moodle.login(baseUrl());
        String idToken = moodle.sign(moodle.resourceLinkClaims(baseUrl(), auth.nonce()).build());

        assertRefused(401, STATE_UNKNOWN, "state is unknown", () -> moodle.launch(baseUrl(), idToken, state));
    }

    @Test
    void rejectsExpiredState() throws Exception {
        TestPlatform.AuthRequest auth = moodle.login(baseUrl());
        jdbc.sql("UPDATE login_state SET expires_at = ? WHERE state = ?")
                .params(Timestamp.from(Instant.now().minusSeconds(1)), auth.state()).update();
        String idToken = moodle.sign(moodle.resourceLinkClaims(baseUrl(), auth.nonce()).build());

        assertRefused(401, STATE_UNKNOWN, "older than 5 minutes", () -> moodle.launch(baseUrl(), idToken, auth.state()));
    }

    @Test
    void rejectsReplayedNonceAndState() throws Exception {
        TestPlatform.AuthRequest auth = moodle.login(baseUrl());
        String idToken = moodle.sign(moodle.resourceLinkClaims(baseUrl(), auth.nonce()).build());
        assertLaunched(() -> moodle.launch(baseUrl(), idToken, auth.state()));

        assertRefused(401, STATE_UNKNOWN, "used already", () -> moodle.launch(baseUrl(), idToken, auth.state()));
    }

    @Test
    void rejectsReplayedTokenPresentedWithAFreshState() throws Exception {
        TestPlatform.AuthRequest first = moodle.login(baseUrl());
        String idToken = moodle.sign(moodle.resourceLinkClaims(baseUrl(), first.nonce()).build());
        assertLaunched(() -> moodle.launch(baseUrl(), idToken, first.state()));
        TestPlatform.AuthRequest fresh = moodle.login(baseUrl());

        assertRefused(401, NONCE_MISMATCH, "does not match", () -> moodle.launch(baseUrl(), idToken, fresh.state()));
    }

    @Test
    void concurrentReplaysOfOneLaunchStartExactlyOneSession() throws Exception {
        TestPlatform.AuthRequest auth = moodle.login(baseUrl());
        String idToken = moodle.sign(moodle.resourceLinkClaims(baseUrl(), auth.nonce()).build());
        long sessionsBefore = sessions();

        ExecutorService browsers = Executors.newFixedThreadPool(8);
        List<HttpResponse<String>> responses = new ArrayList<>();
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<HttpResponse<String>>> posts = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                posts.add(browsers.submit(() -> {
                    start.await();
                    return moodle.launch(baseUrl(), idToken, auth.state());
                }));
            }
            start.countDown();
            for (Future<HttpResponse<String>> post : posts) {
                responses.add(post.get());
            }
        } finally {
            browsers.shutdownNow();
        }

        assertThat(responses).filteredOn(r -> r.statusCode() == 302).hasSize(1);
        assertThat(responses).filteredOn(r -> r.statusCode() != 302).hasSize(7).allSatisfy(r -> {
            assertThat(r.statusCode()).isEqualTo(401);
            // which of the two a loser sees depends on whether it read the state before the winner used it up
            assertThat(AttackCases.reason(r.body())).isIn(STATE_UNKNOWN.name(), STATE_REPLAYED.name());
            assertThat(r.headers().firstValue("Location")).isEmpty();
            assertThat(r.headers().allValues("Set-Cookie")).isEmpty();
        });
        assertThat(sessions()).isEqualTo(sessionsBefore + 1);
    }

    @Test
    void rejectsTokenOfAnotherRegisteredPlatformPresentedWithThisPlatformsState() throws Exception {
        try (TestPlatform other = TestPlatform.start()) {
            platformIds.add(other.register(registry).id());
            TestPlatform.AuthRequest ours = moodle.login(baseUrl());
            TestPlatform.AuthRequest theirs = other.login(baseUrl());
            String theirToken = other.sign(other.resourceLinkClaims(baseUrl(), theirs.nonce()).build());

            assertRefused(401, STATE_OTHER_PLATFORM, "the id_token comes from " + other.issuer,
                    () -> moodle.launch(baseUrl(), theirToken, ours.state()));
        }
    }

    @Test
    void rejectsStateIssuedForAnotherPlatform() throws Exception {
        try (TestPlatform other = TestPlatform.start()) {
            platformIds.add(other.register(registry).id());
            TestPlatform.AuthRequest theirs = other.login(baseUrl());
            String ourToken = moodle.sign(moodle.resourceLinkClaims(baseUrl(), theirs.nonce()).build());

            assertRefused(401, STATE_OTHER_PLATFORM, "the state was issued for a login from " + other.issuer,
                    () -> moodle.launch(baseUrl(), ourToken, theirs.state()));
        }
    }

    @Test
    void rejectsTokenImpersonatingAnotherPlatformWithThatPlatformsState() throws Exception {
        try (TestPlatform victim = TestPlatform.start()) {
            platformIds.add(victim.register(registry).id());
            TestPlatform.AuthRequest theirs = victim.login(baseUrl());
            // a registered platform turned hostile: the victim's issuer and audience, signed with its own key
            JWTClaimsSet forged = victim.resourceLinkClaims(baseUrl(), theirs.nonce()).build();
            String idToken = TestPlatform.sign(forged, moodle.key, JWSAlgorithm.RS256);

            assertRefused(401, KEY_UNKNOWN, victim.jwksUrl() + " does not publish",
                    () -> victim.launch(baseUrl(), idToken, theirs.state()));
        }
    }

    @Test
    void rejectsStateOfAnotherRegistrationUnderTheSameIssuer() throws Exception {
        try (CanvasPlatform canvas = CanvasPlatform.start()) {
            CanvasPlatform.Registration college = canvas.register(registry);
            CanvasPlatform.Registration school = canvas.register(registry);
            platformIds.add(registry.find(CanvasPlatform.ISSUER, college.clientId()).orElseThrow().id());
            platformIds.add(registry.find(CanvasPlatform.ISSUER, school.clientId()).orElseThrow().id());
            String collegeState = CanvasPlatform.stateFromLoginPage(CanvasPlatform.login(baseUrl(), college, Map.of()).body());
            String schoolLogin = CanvasPlatform.login(baseUrl(), school, Map.of()).body();
            String schoolNonce = CanvasPlatform.nonceFromLoginPage(schoolLogin);
            String schoolToken = canvas.sign(canvas.claims(baseUrl(), school, schoolNonce, CanvasPlatform.STUDENT).build());

            assertRefused(401, AUDIENCE_MISMATCH, "does not contain the client id '" + college.clientId() + "'",
                    () -> TestPlatform.post(baseUrl() + "/lti/launch", Map.of("id_token", schoolToken, "state", collegeState)));
        }
    }

    // ---------------------------------------------------------------- failed launches keep the state

    @Test
    void refusedTamperedTokenDoesNotUseUpTheStateOfTheGenuineOne() throws Exception {
        TestPlatform.AuthRequest auth = moodle.login(baseUrl());
        String genuine = moodle.sign(moodle.resourceLinkClaims(baseUrl(), auth.nonce()).build());
        assertRefused(401, SIGNATURE_INVALID, "signature does not verify",
                () -> moodle.launch(baseUrl(), AttackCases.tamperPayload(genuine), auth.state()));

        String location = assertLaunched(() -> moodle.launch(baseUrl(), genuine, auth.state()));
        assertThat(TestPlatform.getPage(baseUrl() + location).statusCode()).isEqualTo(200);
    }

    /** A refusal that an attacker who saw the state could provoke before the genuine post arrives. */
    record EarlyForgery(String description, Function<Setting, String> token, int status, LaunchFailure reason) {
        @Override
        public String toString() {
            return description;
        }
    }

    static Stream<EarlyForgery> forgeriesAheadOfTheGenuineLaunch() {
        return Stream.of(
                new EarlyForgery("unsigned", s -> AttackCases.unsigned(claimsFor(s, "EXHe7INkEW4YDdzRfMyRxA")), 401, TOKEN_UNSIGNED),
                new EarlyForgery("signed by an attacker under the platform's kid",
                        s -> signWith(new RSAKey.Builder(newKey()).keyID(s.platform().key.getKeyID()).build(), claimsFor(s, null)),
                        401, SIGNATURE_INVALID),
                new EarlyForgery("tampered signature", s -> AttackCases.tamperSignature(signWith(s.platform().key, claimsFor(s, null))),
                        401, SIGNATURE_INVALID),
                new EarlyForgery("signed for another audience",
                        s -> signWith(s.platform().key, new JWTClaimsSet.Builder(claimsFor(s, null)).audience("another-tool").build()),
                        401, AUDIENCE_MISMATCH),
                new EarlyForgery("garbage", s -> "garbage", 400, TOKEN_MALFORMED));
    }

    private static JWTClaimsSet claimsFor(Setting s, String nonce) {
        try {
            return s.platform().resourceLinkClaims(s.toolBase(), nonce == null ? "nonce-the-attacker-guessed" : nonce).build();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String signWith(RSAKey key, JWTClaimsSet claims) {
        try {
            return TestPlatform.sign(claims, key, JWSAlgorithm.RS256);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static RSAKey newKey() {
        try {
            return TestPlatform.newKey();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forgeriesAheadOfTheGenuineLaunch")
    void forgedPostWithTheStateDoesNotStopTheGenuineLaunch(EarlyForgery forgery) throws Exception {
        TestPlatform.AuthRequest auth = moodle.login(baseUrl());
        String forged = forgery.token().apply(setting());
        assertRefused(forgery.status(), forgery.reason(), "", () -> moodle.launch(baseUrl(), forged, auth.state()));

        String genuine = moodle.sign(moodle.resourceLinkClaims(baseUrl(), auth.nonce()).build());
        assertLaunched(() -> moodle.launch(baseUrl(), genuine, auth.state()));
    }

    // ---------------------------------------------------------------- the platform's keys cannot be fetched

    @Test
    void answers503WhenThePlatformsKeysFailAndLaunchesOnceTheyRecover() throws Exception {
        TestPlatform.AuthRequest auth = moodle.login(baseUrl());
        String idToken = moodle.sign(moodle.resourceLinkClaims(baseUrl(), auth.nonce()).build());
        moodle.server.stubFor(get(urlPathEqualTo(JWKS_PATH)).willReturn(serverError()));

        HttpResponse<String> refused = assertRefused(503, JWKS_UNAVAILABLE, "could not be fetched from " + moodle.jwksUrl(),
                () -> moodle.launch(baseUrl(), idToken, auth.state()));
        assertThat(AttackCases.detail(refused.body())).contains("answered HTTP 500", "Attest will try again on the next launch");

        moodle.publish(new JWKSet(moodle.key.toPublicJWK()));
        long sessionsBefore = sessions();
        // the refusals above did not use the state up; the key fetch is rate limited, so poll rather than expect the first retry to fetch
        await().atMost(Duration.ofSeconds(45)).pollInterval(Duration.ofMillis(500))
                .until(() -> moodle.launch(baseUrl(), idToken, auth.state()).statusCode() == 302);
        assertThat(sessions()).isEqualTo(sessionsBefore + 1);
    }

    static Stream<Fault> connectionFaults() {
        return Stream.of(Fault.CONNECTION_RESET_BY_PEER, Fault.EMPTY_RESPONSE, Fault.MALFORMED_RESPONSE_CHUNK);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("connectionFaults")
    void answers503WhenTheKeyEndpointBreaksTheConnection(Fault fault) throws Exception {
        TestPlatform.AuthRequest auth = moodle.login(baseUrl());
        String idToken = moodle.sign(moodle.resourceLinkClaims(baseUrl(), auth.nonce()).build());
        moodle.server.stubFor(get(urlPathEqualTo(JWKS_PATH)).willReturn(aResponse().withFault(fault)));

        assertRefused(503, JWKS_UNAVAILABLE, "could not be fetched from " + moodle.jwksUrl(),
                () -> moodle.launch(baseUrl(), idToken, auth.state()));
    }

    @Test
    void answers503WhenTheKeyEndpointServesSomethingOtherThanAKeySet() throws Exception {
        TestPlatform.AuthRequest auth = moodle.login(baseUrl());
        String idToken = moodle.sign(moodle.resourceLinkClaims(baseUrl(), auth.nonce()).build());
        moodle.server.stubFor(get(urlPathEqualTo(JWKS_PATH)).willReturn(aResponse()
                .withHeader("Content-Type", "text/html").withBody("<html><body>Moodle is being upgraded</body></html>")));

        assertRefused(503, JWKS_UNAVAILABLE, "could not be fetched from " + moodle.jwksUrl(),
                () -> moodle.launch(baseUrl(), idToken, auth.state()));
    }

    @Test
    void answers503WhenTheKeyEndpointRefusesConnections() throws Exception {
        TestPlatform.AuthRequest auth = moodle.login(baseUrl());
        String idToken = moodle.sign(moodle.resourceLinkClaims(baseUrl(), auth.nonce()).build());
        String jwksUrl = moodle.jwksUrl();
        moodle.server.stop(); // nothing listens on the platform's port any more

        assertRefused(503, JWKS_UNAVAILABLE,
                "could not be fetched from " + jwksUrl + " (Couldn't retrieve JWK set from URL: " + jwksUrl + " could not be reached",
                () -> moodle.launch(baseUrl(), idToken, auth.state()));
    }

    // ---------------------------------------------------------------- platform state

    @Test
    void refusesLaunchFromADisabledPlatformUntilItIsEnabledAgain() throws Exception {
        TestPlatform.AuthRequest auth = moodle.login(baseUrl());
        String idToken = moodle.sign(moodle.resourceLinkClaims(baseUrl(), auth.nonce()).build());
        registry.setEnabled(registered.id(), false);

        assertRefused(403, PLATFORM_DISABLED, "is disabled by the centre administrator",
                () -> moodle.launch(baseUrl(), idToken, auth.state()));

        registry.setEnabled(registered.id(), true);
        assertLaunched(() -> moodle.launch(baseUrl(), idToken, auth.state()));
    }

    @Test
    void refusesLoginFromADisabledPlatform() throws Exception {
        registry.setEnabled(registered.id(), false);

        assertLoginRefused(403, PLATFORM_DISABLED, "is disabled by the centre administrator", Map.of());
    }

    @Test
    void refusesLaunchWhenThePlatformReportsLoginRequired() throws Exception {
        TestPlatform.AuthRequest auth = moodle.login(baseUrl());

        assertRefused(400, PLATFORM_REFUSED_LOGIN, "the platform refused the login: login_required (The user is not signed in)",
                () -> TestPlatform.post(baseUrl() + "/lti/launch", Map.of("error", "login_required",
                        "error_description", "The user is not signed in", "state", auth.state())));
    }

    @Test
    void showsThePlatformsErrorDescriptionAsTextNotMarkup() throws Exception {
        TestPlatform.AuthRequest auth = moodle.login(baseUrl());

        HttpResponse<String> response = assertRefused(400, PLATFORM_REFUSED_LOGIN, "<script>alert(document.domain)</script>",
                () -> TestPlatform.post(baseUrl() + "/lti/launch", Map.of("error", "invalid_request",
                        "error_description", "<script>alert(document.domain)</script>", "state", auth.state())));
        assertThat(response.body()).doesNotContain("<script>alert");
    }

    // ---------------------------------------------------------------- login initiation

    /** A login initiation with one field changed (null removes it). */
    record LoginAttack(String description, Function<Setting, Map<String, String>> overrides, int status, LaunchFailure reason,
            String detail) {
        @Override
        public String toString() {
            return description;
        }
    }

    private static Map<String, String> fields(String... namesAndValues) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            map.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return map;
    }

    static Stream<LoginAttack> untrustworthyLogins() {
        return Stream.of(
                new LoginAttack("unknown issuer with a client id", s -> fields("iss", "https://lms.unknown.example"), 400, UNKNOWN_PLATFORM,
                        "no platform is registered with issuer https://lms.unknown.example and client id"),
                new LoginAttack("unknown issuer without a client id", s -> fields("iss", "https://lms.unknown.example", "client_id", null),
                        400, UNKNOWN_PLATFORM, "no platform is registered with issuer https://lms.unknown.example;"),
                new LoginAttack("registered issuer with an unknown client id", s -> fields("client_id", "not-our-client"), 400,
                        UNKNOWN_PLATFORM, "and client id 'not-our-client'"),
                new LoginAttack("no iss", s -> fields("iss", null), 400, LOGIN_PARAMETER_MISSING, "the login initiation has no iss"),
                new LoginAttack("blank iss", s -> fields("iss", " "), 400, LOGIN_PARAMETER_MISSING, "the login initiation has no iss"),
                new LoginAttack("no login_hint", s -> fields("login_hint", null), 400, LOGIN_PARAMETER_MISSING,
                        "the login initiation has no login_hint"),
                new LoginAttack("no target_link_uri", s -> fields("target_link_uri", null), 400, LOGIN_PARAMETER_MISSING,
                        "the login initiation has no target_link_uri"),
                new LoginAttack("target_link_uri on another host", s -> fields("target_link_uri", "https://attacker.example/lti/launch"),
                        400, TARGET_LINK_ELSEWHERE, "target_link_uri https://attacker.example/lti/launch is not on this tool"),
                new LoginAttack("target_link_uri on another port",
                        s -> fields("target_link_uri", "http://127.0.0.1:" + (s.toolPort() + 1) + "/lti/launch"), 400,
                        TARGET_LINK_ELSEWHERE, "is not on this tool"),
                new LoginAttack("target_link_uri that is not a URL", s -> fields("target_link_uri", "http://[::1"), 400,
                        TARGET_LINK_ELSEWHERE, "is not on this tool"),
                new LoginAttack("unregistered lti_deployment_id", s -> fields("lti_deployment_id", "99"), 403, DEPLOYMENT_UNKNOWN,
                        "deployment '99' is not registered"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("untrustworthyLogins")
    void refusesLoginInitiationThatCannotBeTrusted(LoginAttack attack) throws Exception {
        assertLoginRefused(attack.status(), attack.reason(), attack.detail(), attack.overrides().apply(setting()));
    }

    @Test
    void refusesLoginWithAStorageTargetTooLongToBeAFrameName() throws Exception {
        assertLoginRefused(400, LOGIN_PARAMETER_INVALID, "lti_storage_target is 300 characters long",
                fields("lti_storage_target", "f".repeat(300)));
    }

    // ---------------------------------------------------------------- helpers

    private Setting setting() {
        return new Setting(moodle, baseUrl(), port);
    }

    /** Runs the attack and checks it was refused exactly so, leaving no trace but the log line. */
    private HttpResponse<String> assertRefused(int status, LaunchFailure reason, String detail, Attack attack) throws Exception {
        assertThat(reason.status()).as("status of %s", reason).isEqualTo(status);
        long sessionsBefore = sessions();
        long statesBefore = liveLoginStates();

        HttpResponse<String> response = attack.send();

        String body = response.body();
        assertThat(response.statusCode()).as("HTTP status; page: %s", body).isEqualTo(status);
        assertThat(AttackCases.reason(body)).as("reason code; page: %s", body).isEqualTo(reason.name());
        assertThat(AttackCases.statedStatus(body)).isEqualTo(status);
        assertThat(AttackCases.detail(body)).contains(detail);
        assertThat(response.headers().firstValue("Location")).as("Location").isEmpty();
        assertThat(response.headers().allValues("Set-Cookie")).as("Set-Cookie").isEmpty();
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(sessions()).as("launch sessions").isEqualTo(sessionsBefore);
        assertThat(liveLoginStates()).as("login states neither created nor used up").isEqualTo(statesBefore);
        return response;
    }

    private void assertLoginRefused(int status, LaunchFailure reason, String detail, Map<String, String> overrides) throws Exception {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("iss", moodle.issuer);
        form.put("target_link_uri", baseUrl() + "/lti/launch");
        form.put("login_hint", "4");
        form.put("lti_message_hint", "{\"cmid\":2,\"launchid\":\"ltilaunch1_2041047989\"}");
        form.put("client_id", moodle.clientId);
        form.put("lti_deployment_id", moodle.deploymentId);
        form.putAll(overrides);
        form.values().removeIf(v -> v == null);

        assertRefused(status, reason, detail, () -> TestPlatform.post(baseUrl() + "/lti/login", form));
    }

    /** Checks the launch started a session and sends the browser to its pages. */
    private String assertLaunched(Attack launch) throws Exception {
        long sessionsBefore = sessions();
        HttpResponse<String> response = launch.send();
        assertThat(response.statusCode()).as("page: %s", response.body()).isEqualTo(302);
        String location = response.headers().firstValue("Location").orElseThrow();
        assertThat(location).matches("/s/[A-Za-z0-9_-]{64}/");
        assertThat(response.headers().allValues("Set-Cookie")).isEmpty();
        assertThat(sessions()).isEqualTo(sessionsBefore + 1);
        return location;
    }

    private long sessions() {
        return jdbc.sql("SELECT COUNT(*) FROM launch_session").query(Long.class).single();
    }

    /** Unexpired login states of this test's platforms (expired ones may be swept at any moment). */
    private long liveLoginStates() {
        long count = 0;
        for (UUID id : platformIds) {
            count += jdbc.sql("SELECT COUNT(*) FROM login_state WHERE platform_id = ? AND expires_at > ?")
                    .params(id, Timestamp.from(Instant.now())).query(Long.class).single();
        }
        return count;
    }

    private int jwksFetches() {
        return moodle.server.findAll(getRequestedFor(urlPathEqualTo(JWKS_PATH))).size();
    }
}
