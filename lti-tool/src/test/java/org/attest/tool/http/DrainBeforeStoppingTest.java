package org.attest.tool.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.attest.tool.AttestApplication;
import org.attest.tool.lti.TestPlatform;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A replica behind a load balancer, stopped: readiness goes DOWN at once, and for {@code attest.shutdown.drain-delay}
 * it goes on answering requests (on new connections too) while the balancer's health checks notice; only then does
 * the web server stop taking requests.
 */
class DrainBeforeStoppingTest {

    private ConfigurableApplicationContext replica;

    @AfterEach
    void close() {
        if (replica != null) {
            replica.close();
        }
    }

    @Test
    void aStoppingReplicaSaysItIsNotReadyYetKeepsServingForTheDrainDelay() throws Exception {
        replica = new SpringApplicationBuilder(AttestApplication.class).profiles("test")
                .run("--server.port=0", "--attest.shutdown.drain-delay=4s");
        String base = "http://127.0.0.1:" + replica.getEnvironment().getProperty("local.server.port");
        assertThat(TestPlatform.getPage(base + "/readyz").statusCode()).isEqualTo(200);

        CompletableFuture<Void> closed = CompletableFuture.runAsync(replica::close);
        await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(50))
                .until(() -> TestPlatform.getPage(base + "/readyz").statusCode() == 503);
        assertThat(TestPlatform.getPage(base + "/.well-known/jwks.json").statusCode())
                .as("a request on a new connection while the balancer has not noticed yet").isEqualTo(200);
        assertThat(closed).as("still draining").isNotDone();

        closed.get(30, TimeUnit.SECONDS);
        assertThatThrownBy(() -> TestPlatform.getPage(base + "/readyz")).as("stopped after the delay").isInstanceOf(Exception.class);
    }

    @Test
    void aDrainDelayOutOfRangeIsRefusedAtStartWithWhatToGive() {
        Duration phase = Duration.ofSeconds(30);
        assertThatThrownBy(() -> new DrainBeforeStopping(Duration.ofSeconds(30), phase))
                .hasMessageContaining("less than spring.lifecycle.timeout-per-shutdown-phase (PT30S");
        assertThatThrownBy(() -> new DrainBeforeStopping(Duration.ofSeconds(-1), phase)).hasMessageContaining("give 0s up to");
    }
}
