package org.attest.tool.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

/** The posted id_token is parsed once per request, its claims once, and read as Nimbus reads them. */
class PostedIdTokenTest {

    private static RSAKey key;

    @BeforeAll
    static void key() throws Exception {
        key = new RSAKeyGenerator(2048).keyID("k1").generate();
    }

    private static String signed(JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k1").build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private static MockHttpServletRequest launch(String idToken) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/lti/launch");
        request.addParameter("id_token", idToken);
        return request;
    }

    @Test
    void parsesTheRequestsTokenOnceAndItsClaimsOnce() throws Exception {
        MockHttpServletRequest request = launch(signed(new JWTClaimsSet.Builder().issuer("https://moodle.example.ac.uk").build()));

        SignedJWT first = PostedIdToken.of(request);
        SignedJWT again = PostedIdToken.of(request);

        assertThat(again).isSameAs(first);
        assertThat(again.getJWTClaimsSet()).isSameAs(first.getJWTClaimsSet());
        assertThat(first.getJWTClaimsSet().getIssuer()).isEqualTo("https://moodle.example.ac.uk");
        assertThat(first.verify(new RSASSAVerifier(key.toPublicJWK()))).isTrue();
    }

    @Test
    void readsClaimsAsNimbusDoes() throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer("http://127.0.0.1:8081/moodle").subject("4").audience(List.of("a", "b"))
                .claim("name", "Zoë Ł'Écrivain \u2603").claim("n", 12).claim("x", 1.5)
                .claim("https://purl.imsglobal.org/spec/lti/claim/custom", Map.of("unit", "224", "count", 3)).build();
        String token = signed(claims);

        assertThat(PostedIdToken.parse(token).getJWTClaimsSet().toJSONObject())
                .isEqualTo(SignedJWT.parse(token).getJWTClaimsSet().toJSONObject());
    }

    @Test
    void givesNothingForWhatIsNotASignedJwt() {
        String none = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8))
                + ".e30.";
        assertThat(PostedIdToken.parse(null)).isNull();
        assertThat(PostedIdToken.parse("not a token")).isNull();
        assertThat(PostedIdToken.parse("a.b.c.d.e")).isNull();
        assertThat(PostedIdToken.parse(none)).isNull();
        assertThat(PostedIdToken.parse("x".repeat(PostedIdToken.MAX_LENGTH + 1))).isNull();
        assertThat(PostedIdToken.of(new MockHttpServletRequest("POST", "/lti/launch"))).isNull();
    }
}
