package org.attest.tool.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.List;
import org.attest.tool.IntegrationTest;
import org.attest.tool.lti.TestPlatform;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** With JSON logs on, every log line a request writes is one JSON object carrying the id the response names. */
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = "logging.structured.format.console=ecs")
class RequestIdLogsTest extends IntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void aRefusedLaunchLogsAsJsonWithTheIdOfItsRequest(CapturedOutput output) throws Exception {
        HttpResponse<String> refused = TestPlatform.HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/lti/launch"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Request-Id", "chosen-by-caller")
                .POST(HttpRequest.BodyPublishers.ofString("state=ops-log-test")).build(), HttpResponse.BodyHandlers.ofString());
        String id = refused.headers().firstValue("X-Request-Id").orElseThrow();

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(id).as("a caller's id is not believed unless attest.http.trust-request-id").isNotEqualTo("chosen-by-caller");
        List<String> lines = Arrays.stream(output.getOut().split("\\R")).filter(l -> l.contains(id)).toList();
        assertThat(lines).as(output.getOut()).isNotEmpty();
        for (String line : lines) {
            JsonNode entry = JSON.readTree(line);
            assertThat(entry.path("requestId").asString()).as(line).isEqualTo(id);
        }
        assertThat(lines).anySatisfy(line -> assertThat(JSON.readTree(line).path("message").asString()).contains("LTI launch refused [TOKEN_MISSING]"));
    }
}
