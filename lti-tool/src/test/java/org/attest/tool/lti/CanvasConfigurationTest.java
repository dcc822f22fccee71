package org.attest.tool.lti;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.attest.tool.IntegrationTest;
import org.attest.tool.lti.internal.ToolConfiguration;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** /lti/canvas.json: the URL a Canvas admin pastes into an LTI developer key ("Enter URL"). */
class CanvasConfigurationTest extends IntegrationTest {

    @Test
    void canvasJsonConfigurationHasEveryRequiredFieldOnTheToolsBaseUrl() throws Exception {
        HttpResponse<String> response = TestPlatform.getPage(baseUrl() + "/lti/canvas.json");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        JsonNode config = JsonMapper.builder().build().readTree(response.body());
        assertThat(config.path("title").asString()).isEqualTo("Attest");
        assertThat(config.path("description").asString()).isNotBlank();
        assertThat(config.path("oidc_initiation_url").asString()).isEqualTo(baseUrl() + "/lti/login");
        assertThat(config.path("target_link_uri").asString()).isEqualTo(baseUrl() + "/lti/launch");
        assertThat(config.path("public_jwk_url").asString()).isEqualTo(baseUrl() + "/.well-known/jwks.json");
        assertThat(config.path("scopes").valueStream().map(JsonNode::asString).toList()).isEqualTo(ToolConfiguration.SCOPES);
        assertThat(config.path("custom_fields").isObject()).isTrue();
        assertThat(config.path("extensions")).hasSize(1);
        JsonNode canvas = config.path("extensions").get(0);
        assertThat(canvas.path("platform").asString()).isEqualTo("canvas.instructure.com");
        assertThat(canvas.path("privacy_level").asString()).isEqualTo("public");
        assertThat(canvas.path("domain").asString()).isEqualTo("127.0.0.1:" + port);
        assertThat(canvas.path("tool_id").asString()).isEqualTo("attest");
        JsonNode settings = canvas.path("settings");
        assertThat(settings.path("text").asString()).isEqualTo("Attest");
        assertThat(settings.path("icon_url").asString()).isEqualTo(baseUrl() + "/icon.svg");
        assertThat(settings.path("placements").valueStream()
                .map(p -> p.path("placement").asString() + " " + p.path("message_type").asString()).toList())
                .containsExactly("link_selection LtiDeepLinkingRequest", "assignment_selection LtiDeepLinkingRequest",
                        "course_navigation LtiResourceLinkRequest");
        settings.path("placements").valueStream().forEach(p -> {
            assertThat(p.path("target_link_uri").asString()).isEqualTo(baseUrl() + "/lti/launch");
            assertThat(p.path("text").asString()).isNotBlank();
            assertThat(p.path("icon_url").asString()).isEqualTo(baseUrl() + "/icon.svg");
        });
        assertThat(TestPlatform.getPage(baseUrl() + "/icon.svg").statusCode()).isEqualTo(200);
    }
}
