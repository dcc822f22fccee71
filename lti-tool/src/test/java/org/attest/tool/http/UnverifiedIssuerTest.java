package org.attest.tool.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The per-platform launch bucket is chosen by the issuer an id_token claims, read (before its signature is checked) from the request's one parse of the token. */
class UnverifiedIssuerTest {

    private static String token(String payloadJson) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString("{\"alg\":\"RS256\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(payloadJson.getBytes(StandardCharsets.UTF_8)) + ".c2ln";
    }

    @Test
    void readsTheClaimedIssuerAsMoodleAndCanvasWriteIt() {
        assertThat(RateLimitFilter.unverifiedIssuer(token("{\"iss\":\"http:\\/\\/127.0.0.1:8081\",\"aud\":\"x\"}")))
                .isEqualTo("http://127.0.0.1:8081");
        assertThat(RateLimitFilter.unverifiedIssuer(token("{\"aud\":[\"1\"], \"iss\" : \"https://canvas.instructure.com\"}")))
                .isEqualTo("https://canvas.instructure.com");
    }

    @Test
    void givesNothingForTokensWithoutAnIssuerOrThatAreNotTokens() {
        assertThat(RateLimitFilter.unverifiedIssuer(token("{\"aud\":\"x\"}"))).isNull();
        assertThat(RateLimitFilter.unverifiedIssuer("not-a-token")).isNull();
        assertThat(RateLimitFilter.unverifiedIssuer("a.%%%.b")).isNull();
        assertThat(RateLimitFilter.unverifiedIssuer(null)).isNull();
        assertThat(RateLimitFilter.unverifiedIssuer(token("{\"iss\":\"" + "x".repeat(600) + "\"}"))).isNull();
    }
}
