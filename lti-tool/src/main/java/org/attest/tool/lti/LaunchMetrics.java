package org.attest.tool.lti;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.attest.tool.lti.internal.LaunchSessions;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The launch path's metrics: accepted launches, refusals by {@link LaunchFailure} (a closed set: the tag is the
 * enum's name, never anything the caller sent) and the active sessions. A launch costs two counter increments and no
 * SQL; the session count is one query at most every {@link #CACHED}, whatever the scrape rate.
 */
@Component
class LaunchMetrics {

    static final Duration CACHED = Duration.ofSeconds(5);

    private final Counter accepted;
    private final Map<LaunchFailure, Counter> refused = new EnumMap<>(LaunchFailure.class);

    LaunchMetrics(MeterRegistry registry, LaunchSessions sessions) {
        this.accepted = Counter.builder("attest.launches").description("LTI launches accepted (a session started)")
                .register(registry);
        for (LaunchFailure failure : LaunchFailure.values()) {
            refused.put(failure, Counter.builder("attest.launch.refusals")
                    .description("OIDC logins and LTI launches refused, by the check that failed")
                    .tag("reason", failure.name()).register(registry));
        }
        LoadingCache<Boolean, Long> active = Caffeine.newBuilder().expireAfterWrite(CACHED).build(k -> sessions.activeCount());
        Gauge.builder("attest.sessions.active", active, c -> c.get(Boolean.TRUE))
                .description("Launch sessions within their life and idle timeout (all replicas)").strongReference(true).register(registry);
    }

    @EventListener
    void on(LaunchAccepted launch) {
        accepted.increment();
    }

    void refused(LaunchFailure failure) {
        refused.get(failure).increment();
    }
}
