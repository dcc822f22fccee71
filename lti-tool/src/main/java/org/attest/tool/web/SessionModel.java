package org.attest.tool.web;

import org.attest.tool.lti.LtiAuthentication;
import org.attest.tool.lti.LtiPrincipal;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Gives every page of a launch its user and the base path its links carry ({@code /s/{token}}). */
@ControllerAdvice
class SessionModel {

    @ModelAttribute("base")
    String base() {
        return authentication() == null ? "" : "/s/" + authentication().sessionToken();
    }

    /** For templates, without a class lookup per render ({@code T(...)} costs one each time). */
    @ModelAttribute("assessorRole")
    org.attest.tool.lti.AttestRole assessorRole() {
        return org.attest.tool.lti.AttestRole.ASSESSOR;
    }

    @ModelAttribute("user")
    LtiPrincipal user() {
        return authentication() == null ? null : authentication().getPrincipal();
    }

    private static LtiAuthentication authentication() {
        Authentication a = SecurityContextHolder.getContext().getAuthentication();
        return a instanceof LtiAuthentication lti ? lti : null;
    }
}
