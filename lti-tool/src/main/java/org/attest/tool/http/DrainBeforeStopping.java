package org.attest.tool.http;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
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
 * refusing them. Stops first (the highest phase), before the web server and the score senders: Spring waits for this
 * phase's callback, which a one-off timer runs when the delay is over.
 */
@Component
class DrainBeforeStopping implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DrainBeforeStopping.class);

    private final Duration delay;
    private volatile boolean running;

    DrainBeforeStopping(@Value("${attest.shutdown.drain-delay:0s}") Duration delay,
            @Value("${spring.lifecycle.timeout-per-shutdown-phase:30s}") Duration phaseTimeout) {
        if (delay.isNegative() || delay.compareTo(phaseTimeout) >= 0) {
            throw new IllegalArgumentException("attest.shutdown.drain-delay is " + delay + "; give 0s up to less than "
                    + "spring.lifecycle.timeout-per-shutdown-phase (" + phaseTimeout + ", ATTEST_SHUTDOWN_TIMEOUT), which is "
                    + "the longest a stop waits for it: how long a stopping replica keeps serving while load balancers "
                    + "notice it is not ready (2 to 3 health checks)");
        }
        this.delay = delay;
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public void stop(Runnable callback) {
        running = false;
        if (delay.isZero()) {
            callback.run();
            return;
        }
        log.info("Stopping: readiness is DOWN; still serving for {} s so load balancers take this replica out first",
                delay.toMillis() / 1000.0);
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "drain-before-stopping");
            t.setDaemon(true);
            return t;
        });
        timer.schedule(callback, delay.toMillis(), TimeUnit.MILLISECONDS);
        timer.shutdown(); // runs the one scheduled callback, then its thread ends
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
