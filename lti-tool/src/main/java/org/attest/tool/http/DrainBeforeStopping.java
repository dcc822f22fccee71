package org.attest.tool.http;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * On a stop, keeps serving for {@code attest.shutdown.drain-delay} before anything stops. Readiness is DOWN from the
 * first moment of a stop, but a load balancer only notices at its next health checks (HAProxy: {@code inter} times
 * {@code fall}; Kubernetes: while it removes the pod's endpoints), and until then it still sends requests, over
 * connections it keeps open to this replica. Without the delay the web server's graceful shutdown would already be
 * refusing them. Stops first (the highest phase): before the web server and the score senders.
 */
@Component
class DrainBeforeStopping implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DrainBeforeStopping.class);

    private final Duration delay;
    private volatile boolean running;

    DrainBeforeStopping(@Value("${attest.shutdown.drain-delay:0s}") Duration delay) {
        if (delay.isNegative() || delay.compareTo(Duration.ofMinutes(5)) > 0) {
            throw new IllegalArgumentException("attest.shutdown.drain-delay is " + delay + "; give 0s to 5m: how long a "
                    + "stopping replica keeps serving while load balancers notice it is not ready (2 to 3 health checks)");
        }
        this.delay = delay;
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        if (running && !delay.isZero()) {
            log.info("Stopping: readiness is DOWN; still serving for {} s so load balancers take this replica out first",
                    delay.toMillis() / 1000.0);
            try {
                Thread.sleep(delay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }
}
