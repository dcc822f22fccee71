package org.attest.sandbox;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * The sandbox's settings, below every other source (so the command line, the environment and test properties win):
 * its defaults under {@code attest.sandbox.}, and, only when the sandbox runs ({@link SandboxCondition}), the two
 * settings of Attest's it needs. {@code attest.platform-http.trusted-origins} exempts the sandbox's own URLs from
 * Attest's egress policy; {@code attest.admin.loopback-api-token} is a fresh random API token, made here at every
 * start and handed to both in memory (never logged, never on a command line), with which the sandbox asks Attest's
 * token API for its one-time registration URL and the sample unit's framework. Attest accepts that token only
 * while it listens on loopback alone. {@code attest.eqa.passkey-origin} is {@code http://localhost:PORT}, as browsers
 * make no passkey on an IP address such as Attest's default 127.0.0.1.
 */
class SandboxEnvironment implements EnvironmentPostProcessor, Ordered {

    static final String TOKEN = "attest.admin.loopback-api-token";
    static final String TRUSTED_ORIGINS = "attest.platform-http.trusted-origins";
    static final String PASSKEY_ORIGIN = "attest.eqa.passkey-origin";
    private static final SecureRandom RANDOM = new SecureRandom();

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put(SandboxCondition.ENABLED, "auto");
        settings.put("attest.sandbox.base-url", "http://localhost:${server.port}/sandbox");
        settings.put("attest.sandbox.tool-url", "${attest.base-url}");
        environment.getPropertySources().addLast(new MapPropertySource("attest-sandbox-defaults", settings));
        if (!SandboxCondition.decide(environment).runs()) {
            return;
        }
        Map<String, Object> handover = new LinkedHashMap<>();
        handover.put(TRUSTED_ORIGINS, "${attest.sandbox.base-url}");
        handover.put(TOKEN, newToken());
        // browsers refuse passkeys on an IP address: external verifiers' passkeys are made on localhost
        handover.put(PASSKEY_ORIGIN, "http://localhost:${server.port}");
        environment.getPropertySources().addLast(new MapPropertySource("attest-sandbox-handover", handover));
    }

    /** In the format of Attest's API tokens: {@code attest_} and 43 random characters (256 bits). */
    static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return "attest_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE; // after Attest's application.properties and the active profiles are read
    }
}
