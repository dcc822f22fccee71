package org.attest.sandbox;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/**
 * The trainee is marked, and the internal verifier named lead IQA, on the registration they launch through, with one
 * call to Attest per person and registration.
 */
class SandboxTraineesTest {

    private final WireMockServer attest = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    private SandboxTrainees trainees;

    @BeforeEach
    void start() {
        attest.start();
        SandboxProperties properties = new SandboxProperties(URI.create("http://localhost:8080/sandbox"),
                URI.create("http://127.0.0.1:" + attest.port()), SandboxLms.MOODLE, SandboxProperties.DEFAULT_DATABASE);
        ToolApi api = new ToolApi(properties, new MockEnvironment().withProperty(SandboxEnvironment.TOKEN, SandboxEnvironment.newToken()));
        trainees = new SandboxTrainees(properties, api);
    }

    @AfterEach
    void stop() {
        attest.stop();
    }

    private static ToolRegistrations.ToolRegistration registration(String clientId) {
        return new ToolRegistrations.ToolRegistration(clientId, "http://localhost:8080/sandbox", "1", "Attest",
                "http://127.0.0.1:8080/lti/login", List.of("http://127.0.0.1:8080/lti/launch"), "http://127.0.0.1:8080/lti/jwks",
                "http://127.0.0.1:8080/lti/launch", "openid", Instant.now());
    }

    private static SandboxCourse.Member member(String id) {
        return SandboxCourse.CUSTOMER_SERVICE.member(id).orElseThrow();
    }

    @Test
    void marksTheTraineeOnTheLaunchedRegistrationOncePerRegistration() {
        attest.stubFor(post("/admin/api/assessors").willReturn(okJson("{}")));

        trainees.flagBeforeLaunch(registration("older-client"), member("tom"));
        trainees.flagBeforeLaunch(registration("older-client"), member("tom"));
        trainees.flagBeforeLaunch(registration("newer-client"), member("tom"));
        trainees.flagBeforeLaunch(registration("newer-client"), member("alex"));

        attest.verify(1, postRequestedFor(urlEqualTo("/admin/api/assessors"))
                .withRequestBody(containing("client_id=older-client")).withRequestBody(containing("subject=tom")));
        attest.verify(1, postRequestedFor(urlEqualTo("/admin/api/assessors"))
                .withRequestBody(containing("client_id=newer-client")).withRequestBody(containing("qualified=false")));
        attest.verify(2, postRequestedFor(urlEqualTo("/admin/api/assessors")));
    }

    @Test
    void namesTheInternalVerifierLeadIqaOncePerRegistration() {
        attest.stubFor(post("/admin/api/iqa").willReturn(okJson("{}")));

        trainees.flagBeforeLaunch(registration("client"), member("ivy"));
        trainees.flagBeforeLaunch(registration("client"), member("ivy"));
        trainees.flagBeforeLaunch(registration("client"), member("sam"));

        attest.verify(1, postRequestedFor(urlEqualTo("/admin/api/iqa")).withRequestBody(containing("subject=ivy"))
                .withRequestBody(containing("lead=true")).withRequestBody(containing("if_unknown=true"))
                .withRequestBody(containing("qualification=TAQA")));
        attest.verify(0, postRequestedFor(urlEqualTo("/admin/api/assessors")));
    }

    @Test
    void aCallAttestRefusedIsMadeAgainAtTheNextLaunch() {
        attest.stubFor(post("/admin/api/assessors").willReturn(aResponse().withStatus(503)));
        trainees.flagBeforeLaunch(registration("client"), member("tom"));

        attest.stubFor(post("/admin/api/assessors").willReturn(okJson("{}")));
        trainees.flagBeforeLaunch(registration("client"), member("tom"));
        trainees.flagBeforeLaunch(registration("client"), member("tom"));

        attest.verify(2, postRequestedFor(urlEqualTo("/admin/api/assessors")));
    }
}
