package org.attest.tool.lti;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The egress policy every platform call passes (issue 9, SSRF): loopback, private and metadata
 * targets are refused before any connection (the WireMock listener on 127.0.0.1 counts zero
 * requests), redirects are answers rather than followed, answers are capped while they stream, the
 * whole call has a deadline, and a platform's calls stay on its own origins.
 */
class EgressPolicyTest {

    private final WireMockServer listener = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    private final WireMockServer elsewhere = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    private final PlatformHttp guarded = new PlatformHttp(PlatformHttpProperties.defaults());
    private final PlatformHttp onOwnNetwork = new PlatformHttp(PlatformHttpProperties.defaults().withAllowPrivateNetworks(true));

    @BeforeEach
    void start() {
        listener.start();
        elsewhere.start();
        listener.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withBody("{\"secret\":\"inside\"}")));
        elsewhere.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withBody("{\"secret\":\"elsewhere\"}")));
    }

    @AfterEach
    void stop() {
        listener.stop();
        elsewhere.stop();
        guarded.destroy();
        onOwnNetwork.destroy();
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "localhost", "[::ffff:127.0.0.1]", "0.0.0.0", "[::1]"})
    void refusesTheLoopbackListenerWithoutConnecting(String host) {
        String url = "http://" + host + ":" + listener.port() + "/admin";

        PlatformHttp.Refused refused = assertThrows(PlatformHttp.Refused.class, () -> guarded.getJson(url, "stolen-token"));

        assertThat(refused.getMessage()).contains(url).containsAnyOf("attest.platform-http.allow-private-networks=true", "never calls");
        assertThat(listener.getAllServeEvents()).isEmpty();
    }

    @Test
    void refusesAPostToLoopbackWithoutConnecting() {
        String url = "http://127.0.0.1:" + listener.port() + "/register";

        assertThrows(PlatformHttp.Refused.class, () -> guarded.postJson(url, "{}", "registration-token"));

        assertThat(listener.getAllServeEvents()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://10.0.0.1/", "http://192.168.1.1:8080/config", "http://172.16.5.4/", "http://100.64.0.1/",
            "http://169.254.169.254/latest/meta-data/", "http://[fd00::1]/", "http://[fe80::1]/", "http://metadata.google.internal/",
            "http://224.0.0.1/"})
    void refusesPrivateAndMetadataAddressesWhenResolvingBeforeAnyConnection(String url) {
        long start = System.nanoTime();

        PlatformHttp.Refused refused = assertThrows(PlatformHttp.Refused.class, () -> guarded.getJson(url, null));

        assertThat(refused.getMessage()).contains("was not called");
        // refused at resolution: no connect attempt, which to these addresses would take the 5 s connect timeout
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void metadataAddressesStayRefusedWhenPrivateNetworksAreAllowed() {
        PlatformHttp.Refused refused = assertThrows(PlatformHttp.Refused.class,
                () -> onOwnNetwork.getJson("http://169.254.169.254/latest/meta-data/iam/", null));

        assertThat(refused.getMessage()).contains("cloud metadata").contains("never calls");
    }

    @Test
    void allowingPrivateNetworksLetsLoopbackThrough() throws Exception {
        PlatformHttp.Response response = onOwnNetwork.getJson("http://127.0.0.1:" + listener.port() + "/ok", null);

        assertThat(response.status()).isEqualTo(200);
        assertThat(listener.getAllServeEvents()).hasSize(1);
    }

    @Test
    void aRedirectIsAnAnswerNotFollowed() throws Exception {
        listener.stubFor(get(urlEqualTo("/moved")).willReturn(aResponse().withStatus(302)
                .withHeader("Location", "http://127.0.0.1:" + elsewhere.port() + "/secret")));

        PlatformHttp.Response response = onOwnNetwork.getJson("http://127.0.0.1:" + listener.port() + "/moved", null);

        assertThat(response.status()).isEqualTo(302);
        assertThat(response.ok()).isFalse();
        assertThat(response.header("location")).hasValue("http://127.0.0.1:" + elsewhere.port() + "/secret");
        assertThat(elsewhere.getAllServeEvents()).isEmpty();
    }

    @Test
    void anAnswerLargerThanTheCapFailsWithoutBeingReadWhole() {
        listener.stubFor(get(urlEqualTo("/huge")).willReturn(aResponse().withStatus(200).withBody(new byte[5 * 1024 * 1024])));

        PlatformHttp.Unreachable failed = assertThrows(PlatformHttp.Unreachable.class,
                () -> onOwnNetwork.getJson("http://127.0.0.1:" + listener.port() + "/huge", null));

        assertThat(failed).isNotInstanceOf(PlatformHttp.Refused.class);
        assertThat(failed.getMessage()).contains("larger than the 1048576 bytes").contains("attest.platform-http.max-response-bytes");
    }

    @Test
    void aStreamedAnswerLargerThanTheCapIsCutOffWhileStreaming() {
        PlatformHttp small = new PlatformHttp(new PlatformHttpProperties(true, Duration.ofSeconds(5), Duration.ofSeconds(10),
                Duration.ofSeconds(15), org.springframework.util.unit.DataSize.ofKilobytes(64)));
        listener.stubFor(get(urlEqualTo("/chunked")).willReturn(aResponse().withStatus(200).withBody(new byte[1024 * 1024])
                .withChunkedDribbleDelay(64, 200)));
        try {
            PlatformHttp.Unreachable failed = assertThrows(PlatformHttp.Unreachable.class,
                    () -> small.getJson("http://127.0.0.1:" + listener.port() + "/chunked", null));

            assertThat(failed.getMessage()).contains("more than 65536 bytes");
        } finally {
            small.destroy();
        }
    }

    @Test
    void aPlatformThatKeepsDribblingMeetsTheWholeCallDeadline() {
        PlatformHttp impatient = new PlatformHttp(PlatformHttpProperties.defaults().withAllowPrivateNetworks(true)
                .withRequestTimeout(Duration.ofSeconds(1)));
        listener.stubFor(get(urlEqualTo("/slow")).willReturn(aResponse().withStatus(200).withBody(new byte[2000])
                .withChunkedDribbleDelay(20, 6000)));
        long start = System.nanoTime();
        try {
            PlatformHttp.Unreachable failed = assertThrows(PlatformHttp.Unreachable.class,
                    () -> impatient.getJson("http://127.0.0.1:" + listener.port() + "/slow", null));

            assertThat(failed.getMessage()).contains("attest.platform-http.request-timeout");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
        } finally {
            impatient.destroy();
        }
    }

    @Test
    void aPlatformsCallsStayOnItsOwnOrigins() {
        Platform platform = new Platform(UUID.randomUUID(), "http://127.0.0.1:" + listener.port() + "/moodle", "client-1", "Test Moodle",
                "http://127.0.0.1:" + listener.port() + "/moodle/auth", "http://127.0.0.1:" + listener.port() + "/moodle/token",
                "http://127.0.0.1:" + listener.port() + "/moodle/certs", "moodle", null, Platform.RegisteredBy.MANUAL, true, Instant.now(),
                List.of());
        String offOrigin = "http://127.0.0.1:" + elsewhere.port() + "/lineitems/1/lineitem/scores";

        PlatformHttp.Refused refused = assertThrows(PlatformHttp.Refused.class,
                () -> onOwnNetwork.forPlatform(platform).post(offOrigin, "application/json", "{}", "application/json", "token"));

        assertThat(refused.getMessage()).contains("http://127.0.0.1:" + elsewhere.port()).contains("Service origins");
        assertThat(elsewhere.getAllServeEvents()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"file:///etc/passwd", "ftp://127.0.0.1/", "javascript:alert(1)", "http://lms.college.ac.uk@127.0.0.1:1/",
            "http://127.1:1/"})
    void callsOnlyPlainHttpUrls(String url) {
        assertThrows(PlatformHttp.Refused.class, () -> onOwnNetwork.getJson(url, null));
    }
}
