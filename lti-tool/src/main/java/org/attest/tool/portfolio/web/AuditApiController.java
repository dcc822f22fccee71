package org.attest.tool.portfolio.web;

import org.attest.tool.lti.AdminScope;
import org.attest.tool.lti.LtiPrincipal;
import org.attest.tool.portfolio.audit.AuditTrail;
import org.attest.tool.portfolio.audit.AuditVerification;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /s/{token}/admin/api/audit/verify}: the audit trail check as JSON, for administrators
 * (the security configuration admits only them to {@code /s/*}{@code /admin/**}). The trail is one
 * chain for the whole installation and is checked whole; the operator's report covers it all, a
 * centre administrator's only the centre's own records.
 */
@RestController
class AuditApiController {

    private final AuditTrail trail;

    AuditApiController(AuditTrail trail) {
        this.trail = trail;
    }

    @GetMapping("/s/{token}/admin/api/audit/verify")
    AuditVerification verify(@AuthenticationPrincipal LtiPrincipal user) {
        return trail.verify(AdminScope.of(user));
    }
}
