package org.attest.tool.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.support.SpringFactoriesLoader;

class RequestThreadsTest {

    @Test
    void tomcatGetsEightThreadsPerCoreBetweenEightAndTwoHundred() {
        assertThat(RequestThreads.threads(8, 1)).isEqualTo(8);
        assertThat(RequestThreads.threads(8, 4)).isEqualTo(32);
        assertThat(RequestThreads.threads(8, 64)).isEqualTo(200);
        assertThat(RequestThreads.threads(1, 2)).isEqualTo(8);
    }

    @Test
    void withoutASettingTheThreadsFollowTheCores() {
        StandardEnvironment environment = new StandardEnvironment();
        new RequestThreads().postProcessEnvironment(environment, new SpringApplication());
        assertThat(environment.getProperty(RequestThreads.MAX_THREADS, Integer.class))
                .isEqualTo(RequestThreads.threads(8, Runtime.getRuntime().availableProcessors()));
    }

    @Test
    void anOperatorsSettingWins() {
        StandardEnvironment environment = withProperties(Map.of(RequestThreads.MAX_THREADS, "50", RequestThreads.PER_CORE, "2"));
        new RequestThreads().postProcessEnvironment(environment, new SpringApplication());
        assertThat(environment.getProperty(RequestThreads.MAX_THREADS)).isEqualTo("50");
    }

    @Test
    void threadsPerCoreBelowOneIsRefusedWithTheSettingsName() {
        StandardEnvironment environment = withProperties(Map.of(RequestThreads.PER_CORE, "0"));
        assertThatThrownBy(() -> new RequestThreads().postProcessEnvironment(environment, new SpringApplication()))
                .hasMessageContaining("attest.http.request-threads-per-core must be at least 1");
        assertThat(environment.containsProperty(RequestThreads.MAX_THREADS)).isFalse();
    }

    @Test
    void springBootRunsItAtStart() {
        assertThat(SpringFactoriesLoader.forDefaultResourceLocation()
                .load(EnvironmentPostProcessor.class, null, (type, name, failure) -> { })) // others need Boot's arguments
                .anyMatch(RequestThreads.class::isInstance);
    }

    private static StandardEnvironment withProperties(Map<String, Object> properties) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
        return environment;
    }
}
