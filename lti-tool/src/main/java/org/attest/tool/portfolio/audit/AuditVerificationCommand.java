package org.attest.tool.portfolio.audit;

import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Makes {@code --attest.audit.verify} (with or without {@code =true}) a one-shot command that
 * serves nothing: {@code server.port=-1} starts the application as usual but opens no port, so it
 * can run beside the live server without taking its port. (A non-web application would need the
 * web security configuration to be optional.) Registered in META-INF/spring.factories, since the
 * port is read before any bean of the tool exists.
 */
class AuditVerificationCommand implements EnvironmentPostProcessor, Ordered {

    static final String PROPERTY = "attest.audit.verify";
    private static final String BASE_URL = "attest.base-url";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String flag = environment.getProperty(PROPERTY);
        // A bare --attest.audit.verify arrives as the empty string.
        if (flag == null || !(flag.isBlank() || flag.trim().equalsIgnoreCase("true"))) {
            return;
        }
        Map<String, Object> command = new HashMap<>();
        command.put(PROPERTY, "true");
        // The default base URL is built on server.port; keep the server's, which the configuration checks.
        String baseUrl = environment.getProperty(BASE_URL);
        if (baseUrl != null) {
            command.put(BASE_URL, baseUrl);
        }
        command.put("server.port", "-1");
        environment.getPropertySources().addFirst(new MapPropertySource("attestAuditVerify", command));
    }

    /** After the configuration files are loaded, so the base URL above is the configured one. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
