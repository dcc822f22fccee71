package org.attest.sandbox;

import org.attest.tool.lti.PlatformRegistry;
import org.attest.tool.portfolio.Assessors;
import org.springframework.stereotype.Component;

/**
 * Marks the sandbox's trainee assessor (Tom) unqualified on whichever platform record Attest keeps
 * for the sandbox, so the countersignature flow can be tried: checked before each of his launches,
 * because "Register Attest again" gives the sandbox a new platform record. Only sets the flag when
 * Attest has none for him, so a centre admin's change on the Assessors page stands.
 */
@Component
@ConditionalOnSandbox
class SandboxTrainees {

    static final String TRAINEE_DUTY = "Trainee assessor";

    private final SelfRegistration registration;
    private final PlatformRegistry platforms;
    private final SandboxProperties properties;
    private final Assessors assessors;

    SandboxTrainees(SelfRegistration registration, PlatformRegistry platforms, SandboxProperties properties, Assessors assessors) {
        this.registration = registration;
        this.platforms = platforms;
        this.properties = properties;
        this.assessors = assessors;
    }

    void flagBeforeLaunch(SandboxCourse.Member member) {
        if (!TRAINEE_DUTY.equals(member.attestDuty())) {
            return;
        }
        registration.current().flatMap(r -> platforms.find(properties.issuer(), r.clientId())).ifPresent(platform -> {
            if (assessors.onPlatform(platform.id()).stream().noneMatch(a -> a.subject().equals(member.id()))) {
                assessors.flag(platform.id(), member.id(), member.name(), false, "sandbox");
            }
        });
    }
}
