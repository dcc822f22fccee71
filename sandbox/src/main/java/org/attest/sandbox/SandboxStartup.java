package org.attest.sandbox;

import java.util.LinkedHashMap;
import java.util.Map;
import org.attest.standards.Framework;
import org.attest.standards.Samples;
import org.attest.standards.StandardsImportException;
import org.attest.standards.Unit;
import org.attest.standards.read.SourceDocument;
import org.attest.standards.read.StandardsImporter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Once the server is up: give the course its first activity (Unit 224), register Attest with the
 * sandbox if it is not yet, grant the demo external verifier access ({@link SandboxEqa}), and say where to open it.
 */
@Component
@ConditionalOnSandbox
class SandboxStartup {

    private static final Logger log = LoggerFactory.getLogger(SandboxStartup.class);
    static final String DEFAULT_UNIT = "224";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final SandboxProperties properties;
    private final SandboxLinks links;
    private final ToolApi api;
    private final SelfRegistration registration;
    private final LineItems lineItems;
    private final Environment environment;
    private final SandboxEqa eqa;

    SandboxStartup(SandboxProperties properties, SandboxLinks links, ToolApi api, SelfRegistration registration,
            LineItems lineItems, Environment environment, SandboxEqa eqa) {
        this.eqa = eqa;
        this.environment = environment;
        this.lineItems = lineItems;
        this.properties = properties;
        this.links = links;
        this.api = api;
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
        if (registration.current().isPresent()) {
            eqa.access(); // logs the external verifier's link and code
        }
        log.info("Attest is running: open {} to try it (tool at {})", properties.issuer(), properties.tool());
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

    /** The bundled sample framework Unit 224 belongs to, read from the sample itself (standards-import). */
    static Framework sampleFramework() {
        try {
            return StandardsImporter.read(new SourceDocument(Samples.UNIT_224.fileName(), Samples.UNIT_224.bytes())).framework();
        } catch (StandardsImportException e) {
            throw new IllegalStateException("the bundled sample " + Samples.UNIT_224.fileName() + " does not read", e);
        }
    }

    /**
     * Unit 224 of the bundled sample, placed as an activity: the unit and the framework's id (its CASE CFDocument
     * identifier, which Attest keeps) read from the sample itself (standards-import), once Attest's framework API lists
     * that framework as tool-wide, as it does the samples it imports at start.
     */
    private void placeDefaultActivity() {
        if (!links.isEmpty()) {
            return;
        }
        Framework sample = sampleFramework();
        Unit unit = sample.units().stream().filter(u -> u.code().equals(DEFAULT_UNIT)).findFirst()
                .orElseThrow(() -> new IllegalStateException("the bundled sample has no Unit " + DEFAULT_UNIT));
        boolean listed;
        try {
            listed = api.listsToolWideFramework(sample.id());
        } catch (ToolApi.Failed e) {
            log.warn("The sandbox could not place Unit {}: {}", DEFAULT_UNIT, e.getMessage());
            return;
        }
        if (!listed) {
            log.warn("The sandbox could not place Unit {}: Attest lists no tool-wide framework {} ('{}')", DEFAULT_UNIT,
                    sample.id(), sample.title());
            return;
        }
        Map<String, String> custom = new LinkedHashMap<>();
        custom.put("attest_unit", DEFAULT_UNIT);
        custom.put("attest_framework", sample.id().toString());
        // placed as Moodle places a graded activity: with its own grade column out of 100
        Map<String, Object> lineItem = new LinkedHashMap<>();
        lineItem.put("label", unit.displayName());
        lineItem.put("scoreMaximum", 100);
        lineItem.put("resourceId", DEFAULT_UNIT);
        lineItem.put("tag", "unit");
        SandboxLinks.Link link = links.add(unit.displayName(), custom, null, JSON.writeValueAsString(lineItem));
        lineItems.create(SandboxCourse.CUSTOMER_SERVICE.id(), new LineItems.Definition(unit.displayName(), 100, DEFAULT_UNIT,
                "unit", link.id()));
    }
}
