package org.attest.sandbox;

import java.util.LinkedHashMap;
import java.util.Map;
import org.attest.tool.lti.LtiProperties;
import org.attest.tool.standards.FrameworkCatalog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Once the server is up: give the course its first activity (Unit 224), register Attest with the
 * sandbox if it is not yet, and say where to open it.
 */
@Component
@ConditionalOnSandbox
class SandboxStartup {

    private static final Logger log = LoggerFactory.getLogger(SandboxStartup.class);
    static final String DEFAULT_UNIT = "224";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final SandboxProperties properties;
    private final LtiProperties tool;
    private final SandboxLinks links;
    private final FrameworkCatalog catalog;
    private final SelfRegistration registration;
    private final LineItems lineItems;
    private final Environment environment;

    SandboxStartup(SandboxProperties properties, LtiProperties tool, SandboxLinks links, FrameworkCatalog catalog,
            SelfRegistration registration, LineItems lineItems, Environment environment) {
        this.environment = environment;
        this.lineItems = lineItems;
        this.properties = properties;
        this.tool = tool;
        this.links = links;
        this.catalog = catalog;
        this.registration = registration;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        warnIfExposed();
        placeDefaultActivity();
        if (registration.current().isEmpty()) {
            SelfRegistration.Outcome outcome = registration.register();
            if (!outcome.registered()) {
                log.warn("The sandbox could not register Attest through Dynamic Registration: {}. Use 'Register Attest again' "
                        + "on {}.", outcome.detail(), properties.issuer());
            }
        }
        log.info("Attest is running: open {} to try it (tool at {})", properties.issuer(), tool.baseUrlString());
    }

    /** Forced on an address other machines can reach, the sandbox lets anyone there sign in as a centre administrator: say so loudly. */
    private void warnIfExposed() {
        SandboxCondition.Decision decision = SandboxCondition.decide(environment);
        if (decision.exposed()) {
            String address = environment.getProperty("server.address");
            log.warn("""

                    ************************************************************************
                    * THE SANDBOX IS RUNNING ON AN ADDRESS OTHER MACHINES CAN REACH ({})
                    * because {}.
                    * Anyone who can open {} signs in there as a centre
                    * administrator of the sandbox platform. Use this only on a private
                    * test machine. For a real server remove attest.sandbox.enabled=true,
                    * or listen on 127.0.0.1 only (ATTEST_ADDRESS).
                    ************************************************************************""",
                    address == null ? "every interface" : address, decision.reason(), properties.issuer());
        }
    }

    private void placeDefaultActivity() {
        if (!links.isEmpty()) {
            return;
        }
        FrameworkCatalog.PlaceableUnit unit = catalog.units(null).stream() // the bundled, tool-wide samples
                .filter(p -> p.unit().code().equals(DEFAULT_UNIT)).findFirst()
                .orElseThrow(() -> new IllegalStateException("the bundled frameworks have no Unit " + DEFAULT_UNIT));
        Map<String, String> custom = new LinkedHashMap<>();
        custom.put("attest_unit", DEFAULT_UNIT);
        custom.put("attest_framework", unit.framework().id().toString());
        // placed as Moodle places a graded activity: with its own grade column out of 100
        Map<String, Object> lineItem = new LinkedHashMap<>();
        lineItem.put("label", unit.unit().displayName());
        lineItem.put("scoreMaximum", 100);
        lineItem.put("resourceId", DEFAULT_UNIT);
        lineItem.put("tag", "unit");
        SandboxLinks.Link link = links.add(unit.unit().displayName(), custom, null, JSON.writeValueAsString(lineItem));
        lineItems.create(SandboxCourse.CUSTOMER_SERVICE.id(), new LineItems.Definition(unit.unit().displayName(), 100, DEFAULT_UNIT,
                "unit", link.id()));
    }
}
