package org.attest.tool.lti;

/** What a launch lets a user do in Attest, from the LTI roles the platform sends. */
public enum AttestRole {
    /** A candidate: sees their own units and evidence. */
    LEARNER,
    /** A tutor or assessor of the course: caseload, marking, sign-off, deep linking. */
    ASSESSOR,
    /** A centre administrator: platforms, standards, rules, IV assignments. */
    CENTRE_ADMIN
}
