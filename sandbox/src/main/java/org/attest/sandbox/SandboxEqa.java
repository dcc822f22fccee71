package org.attest.sandbox;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * A ready-made external verifier, so EQA access can be tried at once: Erin Examiner of City &amp; Guilds is granted the
 * sample units (Unit 224's framework) from today for {@value #DAYS} days on the platform Attest keeps for the current
 * registration, through Attest's token API (no LMS account: an EQA signs in with a one-time link and a code). The
 * link (on {@code attest.eqa.passkey-origin}, localhost, where passkeys work) and code Attest answers are logged and
 * shown on the course page, kept in memory per registration; at the next
 * start, or with "New link and code" on the course page, Attest gives the live grant a new pair (the old link dies)
 * rather than a second grant. Only in the sandbox, never in production.
 */
@Component
@ConditionalOnSandbox
class SandboxEqa {

    static final String NAME = "Erin Examiner";
    static final String EMAIL = "erin.examiner@awarding-body.example";
    static final String AWARDING_BODY = "City & Guilds";
    static final int DAYS = 30;
    private static final Logger log = LoggerFactory.getLogger(SandboxEqa.class);

    private final SandboxProperties properties;
    private final SelfRegistration registration;
    private final ToolApi api;
    private final Clock clock = Clock.systemDefaultZone();
    /** By client id: the link and code Attest answered for that registration's platform. */
    private final Map<String, ToolApi.EqaAccess> granted = new ConcurrentHashMap<>();

    private final String passkeyOrigin;

    SandboxEqa(SandboxProperties properties, SelfRegistration registration, ToolApi api, Environment environment) {
        this.properties = properties;
        this.registration = registration;
        this.api = api;
        this.passkeyOrigin = environment.getProperty(SandboxEnvironment.PASSKEY_ORIGIN);
    }

    /** The EQA's access on the current registration, asked of Attest the first time; empty while Attest cannot give it. */
    Optional<ToolApi.EqaAccess> access() {
        Optional<ToolRegistrations.ToolRegistration> current = registration.current();
        if (current.isEmpty()) {
            return Optional.empty();
        }
        ToolApi.EqaAccess known = granted.get(current.get().clientId());
        return known != null ? Optional.of(known) : ask(current.get());
    }

    /** A new one-time link and code for the EQA (the old link stops working), as the centre's admin page would give. */
    Optional<ToolApi.EqaAccess> renew() {
        return registration.current().flatMap(this::ask);
    }

    /** The link on the origin passkeys work on (localhost, not Attest's 127.0.0.1), so the EQA can add one. */
    private ToolApi.EqaAccess onPasskeyOrigin(ToolApi.EqaAccess access) {
        String tool = properties.tool();
        if (passkeyOrigin == null || passkeyOrigin.isBlank() || !access.link().startsWith(tool + "/")) {
            return access;
        }
        return new ToolApi.EqaAccess(access.name(), access.awardingBody(), passkeyOrigin + access.link().substring(tool.length()),
                access.code(), access.startsOn(), access.endsOn(), access.reissued());
    }

    private Optional<ToolApi.EqaAccess> ask(ToolRegistrations.ToolRegistration tool) {
        UUID framework = SandboxStartup.sampleFramework().id();
        LocalDate today = LocalDate.now(clock);
        try {
            ToolApi.EqaAccess access = onPasskeyOrigin(api.grantEqa(properties.issuer(), tool.clientId(), NAME, EMAIL, AWARDING_BODY, framework,
                    SandboxStartup.DEFAULT_UNIT, today, today.plusDays(DAYS)));
            granted.put(tool.clientId(), access);
            log.info("""
                    External verifier access (sandbox only): {} ({}) may sign in until {} at
                        {}
                    with the access code {} (one-time link; the course page shows a new one after 'New link and code')""",
                    access.name(), access.awardingBody(), access.endsOn(), access.link(), access.code());
            return Optional.of(access);
        } catch (ToolApi.Failed e) {
            log.warn("The sandbox could not grant {} external verifier access in Attest: {}", NAME, e.getMessage());
            return Optional.empty();
        }
    }
}
