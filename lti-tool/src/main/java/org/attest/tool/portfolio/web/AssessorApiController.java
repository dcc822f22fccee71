package org.attest.tool.portfolio.web;

import java.util.Map;
import java.util.Optional;
import org.attest.tool.lti.AdminScope;
import org.attest.tool.lti.LtiPrincipal;
import org.attest.tool.lti.Platform;
import org.attest.tool.lti.PlatformRegistry;
import org.attest.tool.portfolio.internal.Assessors;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /admin/api/assessors} with an API token: flags an assessor of a platform qualified or not, as the
 * Assessors admin page does. The platform is named by {@code issuer} and {@code client_id}; a centre's token reaches
 * its own platform only, a tool-wide token any. With {@code if_unknown=true} an assessor Attest already has a status
 * for keeps it, so a centre administrator's decision stands: the sandbox of {@code attest-sandbox.jar} marks its demo
 * trainee assessor this way before each of his launches.
 */
@RestController
class AssessorApiController {

    static final String PATH = "/admin/api/assessors";

    /** The assessor's status after the call; {@code changed} false when {@code if_unknown} kept an existing one. */
    record Answer(String subject, boolean qualified, boolean changed) {
    }

    private final PlatformRegistry platforms;
    private final Assessors assessors;

    AssessorApiController(PlatformRegistry platforms, Assessors assessors) {
        this.platforms = platforms;
        this.assessors = assessors;
    }

    @PostMapping(PATH)
    ResponseEntity<?> flag(@AuthenticationPrincipal LtiPrincipal user,
            @RequestParam(name = "issuer", required = false) String issuer,
            @RequestParam(name = "client_id", required = false) String clientId,
            @RequestParam(name = "subject", required = false) String subject,
            @RequestParam(name = "name", required = false) String name,
            @RequestParam(name = "qualified", required = false) String qualified,
            @RequestParam(name = "if_unknown", defaultValue = "false") boolean ifUnknown) {
        if (blank(issuer) || blank(clientId) || blank(subject) || subject.length() > 255 || (name != null && name.length() > 255)
                || !("true".equals(qualified) || "false".equals(qualified))) {
            return ResponseEntity.badRequest().body(Map.of("error", "Send issuer and client_id (the platform), subject (the "
                    + "assessor's LMS user id, at most 255 characters) and qualified (true or false). Nothing was changed."));
        }
        AdminScope scope = AdminScope.of(user);
        Optional<Platform> platform = platforms.find(issuer, clientId).filter(p -> scope.manages(p.id()));
        if (platform.isEmpty()) {
            return ResponseEntity.status(404).body(Map.of("error", "This token manages no platform with issuer '" + issuer
                    + "' and client_id '" + clientId + "'. Nothing was changed."));
        }
        Optional<Assessors.AssessorStatus> known = assessors.status(platform.get().id(), subject);
        if (ifUnknown && known.isPresent()) {
            return ResponseEntity.ok(new Answer(subject, known.get().qualified(), false));
        }
        boolean isQualified = Boolean.parseBoolean(qualified);
        assessors.flag(platform.get().id(), subject, blank(name) ? null : name, isQualified, user.name());
        return ResponseEntity.ok(new Answer(subject, isQualified, true));
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
