package org.attest.sandbox;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.URI;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/** What the sandbox asks of Attest's token API, against a stand-in for Attest. */
class ToolApiTest {

    private final WireMockServer attest = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    private ToolApi api;

    @BeforeEach
    void start() {
        attest.start();
        SandboxProperties properties = new SandboxProperties(URI.create("http://localhost:8080/sandbox"),
                URI.create("http://127.0.0.1:" + attest.port()), SandboxLms.MOODLE, SandboxProperties.DEFAULT_DATABASE);
        api = new ToolApi(properties, new MockEnvironment().withProperty(SandboxEnvironment.TOKEN, SandboxEnvironment.newToken()));
    }

    @AfterEach
    void stop() {
        attest.stop();
    }

    @Test
    void findsTheSamplesFrameworkByItsIdAndOnlyWhenItIsToolWide() throws Exception {
        UUID sample = UUID.randomUUID();
        UUID centre = UUID.randomUUID();
        attest.stubFor(get("/admin/api/frameworks").willReturn(okJson("""
                [{"frameworkId": "%s", "title": "Customer Service", "platformId": null},
                 {"frameworkId": "%s", "title": "A centre's copy", "platformId": "%s"}]""".formatted(UUID.randomUUID(), sample, centre))));

        assertThat(api.listsToolWideFramework(sample)).as("the same id, but a centre's").isFalse();

        attest.stubFor(get("/admin/api/frameworks").willReturn(okJson("""
                [{"frameworkId": "%s", "title": "Another title", "platformId": null}]""".formatted(sample))));

        assertThat(api.listsToolWideFramework(sample)).as("tool-wide, whatever its title").isTrue();
    }
}
