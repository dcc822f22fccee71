package org.attest.tool.web.admin;

import org.attest.tool.portfolio.AuditTrail;
import org.attest.tool.portfolio.AuditVerification;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /s/{token}/admin/api/audit/verify}: the audit trail check as JSON, for centre
 * administrators (the security configuration admits only them to {@code /s/*}{@code /admin/**}). The
 * trail is one chain for the whole installation, so the report is the same for every platform.
 */
@RestController
class AuditApiController {

    private final AuditTrail trail;

    AuditApiController(AuditTrail trail) {
        this.trail = trail;
    }

    @GetMapping("/s/{token}/admin/api/audit/verify")
    AuditVerification verify() {
        return trail.verify();
    }
}
