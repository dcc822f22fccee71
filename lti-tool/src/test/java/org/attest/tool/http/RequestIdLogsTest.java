package org.attest.tool.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.attest.tool.IntegrationTest;
import org.attest.tool.lti.TestPlatform;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.boot.logging.logback.StructuredLogEncoder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * With JSON logs (Spring Boot's ECS format, as {@code logging.structured.format.console=ecs} sets it), every log line a
 * request writes is one JSON object carrying the id that the response names. The encoder is attached here rather than
 * through the setting, because Logback is configured once per JVM and the test contexts share it.
 */
class RequestIdLogsTest extends IntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void aRefusedLaunchLogsJsonLinesWithTheIdOfItsRequest() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LoggerContext logback = (LoggerContext) LoggerFactory.getILoggerFactory();
        StructuredLogEncoder encoder = new StructuredLogEncoder();
        encoder.setContext(logback);
        encoder.setFormat("ecs");
        encoder.start();
        OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
        appender.setContext(logback);
        appender.setEncoder(encoder);
        appender.setOutputStream(out);
        appender.start();
        Logger root = logback.getLogger(Logger.ROOT_LOGGER_NAME);
        root.addAppender(appender);
        HttpResponse<String> refused;
        try {
            refused = TestPlatform.HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/lti/launch"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("X-Request-Id", "chosen-by-caller")
                    .POST(HttpRequest.BodyPublishers.ofString("state=ops-log-test")).build(), HttpResponse.BodyHandlers.ofString());
        } finally {
            root.detachAppender(appender);
            appender.stop();
        }
        String id = refused.headers().firstValue("X-Request-Id").orElseThrow();
        String written = out.toString(StandardCharsets.UTF_8);

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(id).as("a caller's id is not believed unless attest.http.trust-request-id").isNotEqualTo("chosen-by-caller");
        List<String> lines = Arrays.stream(written.split("\\R")).filter(l -> l.contains(id)).toList();
        assertThat(lines).as(written).isNotEmpty();
        for (String line : lines) {
            JsonNode entry = JSON.readTree(line);
            assertThat(entry.path("requestId").asString()).as(line).isEqualTo(id);
        }
        assertThat(lines).as(written).anySatisfy(line ->
                assertThat(JSON.readTree(line).path("message").asString()).contains("LTI launch refused [TOKEN_MISSING]"));
    }
}
