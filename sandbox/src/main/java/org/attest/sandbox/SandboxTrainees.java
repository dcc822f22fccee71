package org.attest.sandbox;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Marks the sandbox's trainee assessor (Tom) unqualified on the platform record Attest keeps for the registration he
 * launches through, so the countersignature flow can be tried: asked of Attest's token API at his first launch through
 * each registration, because "Register Attest again" gives the sandbox a new platform record. Attest sets the flag only
 * when it has none for him, so a centre admin's change on the Assessors page stands.
 */
@Component
@ConditionalOnSandbox
class SandboxTrainees {

    static final String TRAINEE_DUTY = "Trainee assessor";
    private static final Logger log = LoggerFactory.getLogger(SandboxTrainees.class);

    private final SandboxProperties properties;
    private final ToolApi api;
    /** Client id and member id pairs Attest has answered for; a failed call is tried again at the next launch. */
    private final Set<String> flagged = ConcurrentHashMap.newKeySet();

    SandboxTrainees(SandboxProperties properties, ToolApi api) {
        this.properties = properties;
        this.api = api;
    }

    void flagBeforeLaunch(ToolRegistrations.ToolRegistration tool, SandboxCourse.Member member) {
        if (!TRAINEE_DUTY.equals(member.attestDuty())) {
            return;
        }
        String key = tool.clientId() + " " + member.id();
        if (flagged.contains(key)) {
            return;
        }
        try {
            api.flagAssessorIfUnknown(properties.issuer(), tool.clientId(), member.id(), member.name(), false);
            flagged.add(key);
        } catch (ToolApi.Failed e) {
            log.warn("The sandbox could not mark {} a trainee assessor in Attest: {}", member.name(), e.getMessage());
        }
    }
}
