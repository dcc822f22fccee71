package org.attest.sandbox;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Gives the sandbox's people the duties Attest assigns outside the LMS, on the platform record Attest keeps for the
 * registration they launch through: the trainee assessor (Tom) is marked unqualified, so the countersignature flow can
 * be tried, and the internal verifier (Ivy, duty IV) is named lead IQA, so internal quality assurance can be tried.
 * Asked of Attest's token API at their first launch through each registration, because "Register Attest again" gives
 * the sandbox a new platform record. Attest sets each only when it has none for them, so a centre admin's change on
 * the Assessors or Quality assurers page stands.
 */
@Component
@ConditionalOnSandbox
class SandboxTrainees {

    static final String TRAINEE_DUTY = "Trainee assessor";
    static final String IQA_DUTY = "IV";
    static final String IQA_QUALIFICATION = "TAQA Level 4 (sandbox)";
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
        if (!TRAINEE_DUTY.equals(member.attestDuty()) && !IQA_DUTY.equals(member.attestDuty())) {
            return;
        }
        String key = tool.clientId() + " " + member.id();
        if (flagged.contains(key)) {
            return;
        }
        try {
            if (IQA_DUTY.equals(member.attestDuty())) {
                api.nameIqaIfUnknown(properties.issuer(), tool.clientId(), member.id(), member.name(), IQA_QUALIFICATION);
            } else {
                api.flagAssessorIfUnknown(properties.issuer(), tool.clientId(), member.id(), member.name(), false);
            }
            flagged.add(key);
        } catch (ToolApi.Failed e) {
            log.warn("The sandbox could not give {} their duty ({}) in Attest: {}", member.name(), member.attestDuty(),
                    e.getMessage());
        }
    }
}
