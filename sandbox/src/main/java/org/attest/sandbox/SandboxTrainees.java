package org.attest.sandbox;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Marks the sandbox's trainee assessor (Tom) unqualified on whichever platform record Attest keeps
 * for the sandbox, so the countersignature flow can be tried: asked of Attest's token API before each of his
 * launches, because "Register Attest again" gives the sandbox a new platform record. Attest sets the flag only
 * when it has none for him, so a centre admin's change on the Assessors page stands.
 */
@Component
@ConditionalOnSandbox
class SandboxTrainees {

    static final String TRAINEE_DUTY = "Trainee assessor";
    private static final Logger log = LoggerFactory.getLogger(SandboxTrainees.class);

    private final SelfRegistration registration;
    private final SandboxProperties properties;
    private final ToolApi api;

    SandboxTrainees(SelfRegistration registration, SandboxProperties properties, ToolApi api) {
        this.registration = registration;
        this.properties = properties;
        this.api = api;
    }

    void flagBeforeLaunch(SandboxCourse.Member member) {
        if (!TRAINEE_DUTY.equals(member.attestDuty())) {
            return;
        }
        registration.current().ifPresent(tool -> {
            try {
                api.flagAssessorIfUnknown(properties.issuer(), tool.clientId(), member.id(), member.name(), false);
            } catch (ToolApi.Failed e) {
                log.warn("The sandbox could not mark {} a trainee assessor in Attest: {}", member.name(), e.getMessage());
            }
        });
    }
}
