package org.attest.tool.gradebook.lms;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.attest.tool.lti.Platform;
import org.attest.tool.lti.PlatformHttp;
import org.attest.tool.lti.SigningKeys;
import org.attest.tool.lti.TestPlatformHttp;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An LMS's token endpoint and services played by WireMock, with Moodle 5.0's paths, and the
 * gradebook clients wired to call it.
 */
public final class ServicePlatform implements AutoCloseable {

    public static final String TOKEN_PATH = "/moodle/mod/lti/token.php";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    public final WireMockServer server;
    public final Platform platform;

    /** The clients under test, sharing one token cache as in the application. */
    record Clients(ServiceTokens tokens, AgsClient ags, NrpsClient nrps) {
    }

    public ServicePlatform() {
        this(10);
    }

    /** With this many threads answering, for tests that send many requests at once. */
    public ServicePlatform(int threads) {
        this(threads, new com.github.tomakehurst.wiremock.extension.Extension[0]);
    }

    /** With these WireMock extensions, such as {@link MoodleScoreRule}. */
    public ServicePlatform(int threads, com.github.tomakehurst.wiremock.extension.Extension... extensions) {
        server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1").containerThreads(threads)
                .extensions(extensions));
        server.start();
        platform = new Platform(UUID.randomUUID(), url("/moodle"), "client-" + UUID.randomUUID().toString().substring(0, 8),
                "Test Moodle", url("/moodle/mod/lti/auth.php"), url(TOKEN_PATH), url("/moodle/mod/lti/certs.php"), "moodle",
                null, Platform.RegisteredBy.MANUAL, true, Instant.now(), List.of());
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.port() + path;
    }

    public Clients clients(SigningKeys toolKeys, PlatformHttp http, Clock clock) {
        GradebookProperties properties = GradebookProperties.defaults();
        ServiceTokens tokens = new ServiceTokens(http, toolKeys, properties, clock);
        ServiceCalls calls = new ServiceCalls(tokens, http, properties, clock);
        return new Clients(tokens, new AgsClient(calls), new NrpsClient(calls));
    }

    public Clients clients(SigningKeys toolKeys) {
        return clients(toolKeys, TestPlatformHttp.onLoopback(), Clock.systemUTC());
    }

    /** The token endpoint hands out these tokens in turn (the last one from then on), each for an hour. */
    public void issuesTokens(String... tokens) {
        for (int i = 0; i < tokens.length; i++) {
            var stub = post(urlPathEqualTo(TOKEN_PATH)).inScenario("tokens")
                    .whenScenarioStateIs(i == 0 ? Scenario.STARTED : "issued " + i)
                    .willReturn(aResponse().withHeader("Content-Type", "application/json")
                            .withBody("{\"access_token\":\"" + tokens[i] + "\",\"token_type\":\"Bearer\",\"expires_in\":3600}"));
            server.stubFor(i < tokens.length - 1 ? stub.willSetStateTo("issued " + (i + 1)) : stub);
        }
    }

    public int tokenRequests() {
        return server.findAll(postRequestedFor(urlPathEqualTo(TOKEN_PATH))).size();
    }

    /** One captured Moodle 5.0 response body, its URLs moved onto this server. */
    public String moodle(String request, int index) throws Exception {
        JsonNode all;
        try (InputStream in = ServicePlatform.class.getClassLoader().getResourceAsStream("lms/moodle-5.0/ags-nrps-responses.json")) {
            all = JSON.readTree(in);
        }
        return JSON.writeValueAsString(all.path(request).path(index).path("body"))
                .replace("http://127.0.0.1:8081", url("/moodle"));
    }

    @Override
    public void close() {
        server.stop();
    }

    /** A clock the test moves. */
    public static final class MovableClock extends Clock {
        private volatile Instant now = Instant.parse("2026-11-24T02:00:00Z");

        public void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
