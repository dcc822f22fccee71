package org.attest.tool.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Whether a request came in on the actuator's own port ({@code management.server.port}, loopback unless the operator
 * binds it elsewhere), where the metrics may be read without a session. Never the main port: were the two set equal,
 * the actuator would be public, so then no request counts as the management port's and only the probes stay open.
 */
@Component
class ManagementPort {

    private final Environment environment;

    ManagementPort(Environment environment) {
        this.environment = environment;
    }

    boolean onManagementPort(HttpServletRequest request) {
        // local.*.port are the ports actually bound (a configured 0 means a random one), known once the servers started.
        Integer management = environment.getProperty("local.management.port", Integer.class);
        Integer server = environment.getProperty("local.server.port", Integer.class);
        return management != null && management > 0 && !management.equals(server) && request.getLocalPort() == management;
    }
}
