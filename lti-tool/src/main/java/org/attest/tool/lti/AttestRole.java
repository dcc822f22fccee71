package org.attest.tool.lti;

/** What a launch lets a user do in Attest, from the LTI roles the platform sends. */
public enum AttestRole {
    /** A candidate: sees their own units and evidence. */
    LEARNER,
    /** A tutor or assessor of the course: caseload, marking, sign-off, deep linking. */
    ASSESSOR,
    /** A centre administrator: platforms, standards, rules, IV assignments. */
    CENTRE_ADMIN,
    /**
     * An external verifier (EQA) of an awarding body: no LMS account and never mapped from an LTI role. A centre
     * administrator's grant lets them sign in with a one-time link and a code; they read what the grant covers.
     */
    EXTERNAL_VERIFIER
}
