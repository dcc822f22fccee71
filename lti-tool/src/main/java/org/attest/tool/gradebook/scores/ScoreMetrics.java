package org.attest.tool.gradebook.scores;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The score queue's metrics: how many scores wait and how long the oldest has waited (one query over the pending rows,
 * at most every {@link #CACHED}, whatever the scrape rate), and what became of each attempt to send one, by platform.
 * The platform tag is the platform's id: bounded by the platforms registered, never a learner or a token.
 */
@Component
class ScoreMetrics {

    static final Duration CACHED = Duration.ofSeconds(5);

    /** What became of one attempt to send a score. */
    enum Outcome { DELIVERED, REFUSED, FAILED }

    private record Queue(long pending, double oldestSeconds) {
    }

    private final MeterRegistry registry;

    ScoreMetrics(MeterRegistry registry, JdbcClient jdbc, Clock clock) {
        this.registry = registry;
        LoadingCache<Boolean, Queue> queue = Caffeine.newBuilder().expireAfterWrite(CACHED).build(k -> jdbc
                .sql("SELECT COUNT(*) AS pending, MIN(created_at) AS oldest FROM score_outbox WHERE state = 'PENDING'")
                .query((rs, n) -> {
                    Timestamp oldest = rs.getTimestamp("oldest");
                    return new Queue(rs.getLong("pending"),
                            oldest == null ? 0 : Math.max(0, Duration.between(oldest.toInstant(), clock.instant()).toMillis() / 1000.0));
                })
                .single());
        Gauge.builder("attest.scores.pending", queue, q -> q.get(Boolean.TRUE).pending())
                .description("Scores queued for the LMS and not yet delivered (all replicas)").strongReference(true).register(registry);
        TimeGauge.builder("attest.scores.oldest.pending.age", queue, TimeUnit.SECONDS, q -> q.get(Boolean.TRUE).oldestSeconds())
                .description("How long the oldest score still pending has waited; 0 when none waits").strongReference(true).register(registry);
    }

    void sent(UUID platformId, Outcome outcome) {
        Counter.builder("attest.scores.sent").description("Attempts to send a score to an LMS, by platform and outcome")
                .tag("platform", platformId.toString()).tag("outcome", outcome.name().toLowerCase())
                .register(registry).increment();
    }
}
