package org.attest.tool.http;

import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Sizes Tomcat's request threads to the cores Attest has, unless {@code server.tomcat.threads.max} is set.
 * Attest's requests are short and use the CPU and the database, not slow outside calls (the LMS is called
 * from background workers), so Tomcat's default of 200 threads only makes 64 launches at once time-slice
 * one core and stretch every answer (docs/benchmarks.md). {@code attest.http.request-threads-per-core}
 * threads per core (default 8), at least 8 and at most 200.
 */
class RequestThreads implements EnvironmentPostProcessor, Ordered {

    static final String MAX_THREADS = "server.tomcat.threads.max";
    static final String PER_CORE = "attest.http.request-threads-per-core";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.containsProperty(MAX_THREADS)) {
            return;
        }
        int perCore = environment.getProperty(PER_CORE, Integer.class, 8);
        if (perCore < 1) {
            throw new IllegalArgumentException(PER_CORE + " must be at least 1, such as 8; was " + perCore);
        }
        environment.getPropertySources().addLast(new MapPropertySource("attest-request-threads",
                Map.of(MAX_THREADS, threads(perCore, Runtime.getRuntime().availableProcessors()))));
    }

    static int threads(int perCore, int cores) {
        return Math.max(8, Math.min(200, perCore * cores));
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE; // after the configuration files are read, so a set value is seen
    }
}
