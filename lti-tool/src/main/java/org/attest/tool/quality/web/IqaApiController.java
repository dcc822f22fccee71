package org.attest.tool.quality.web;

import java.util.Map;
import java.util.Optional;
import org.attest.tool.lti.AdminScope;
import org.attest.tool.lti.LtiPrincipal;
import org.attest.tool.lti.Platform;
import org.attest.tool.lti.PlatformRegistry;
import org.attest.tool.quality.internal.IqaPeople;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /admin/api/iqa} with an API token: names an internal quality assurer of a platform, as the Quality
 * assurers admin page does. The platform is named by {@code issuer} and {@code client_id}; a centre's token reaches its
 * own platform only, a tool-wide token any. With {@code if_unknown=true} a person the centre already has an IQA record
 * for keeps it, so a centre administrator's decision stands: the sandbox of {@code attest-sandbox.jar} names its demo
 * internal verifier this way before her launches.
 */
@RestController
class IqaApiController {

    static final String PATH = "/admin/api/iqa";

    /** The person's IQA record after the call; {@code changed} false when {@code if_unknown} kept an existing one. */
    record Answer(String subject, boolean active, boolean lead, String qualification, boolean changed) {
    }

    private final PlatformRegistry platforms;
    private final IqaPeople iqas;

    IqaApiController(PlatformRegistry platforms, IqaPeople iqas) {
        this.platforms = platforms;
        this.iqas = iqas;
    }

    @PostMapping(PATH)
    ResponseEntity<?> name(@AuthenticationPrincipal LtiPrincipal user,
            @RequestParam(name = "issuer", required = false) String issuer,
            @RequestParam(name = "client_id", required = false) String clientId,
            @RequestParam(name = "subject", required = false) String subject,
            @RequestParam(name = "name", required = false) String name,
            @RequestParam(name = "qualification", required = false) String qualification,
            @RequestParam(name = "working_towards", defaultValue = "false") boolean workingTowards,
            @RequestParam(name = "lead", defaultValue = "false") boolean lead,
            @RequestParam(name = "if_unknown", defaultValue = "false") boolean ifUnknown) {
        if (blank(issuer) || blank(clientId) || blank(subject) || subject.length() > 255 || blank(name) || name.length() > 255) {
            return ResponseEntity.badRequest().body(Map.of("error", "Send issuer and client_id (the platform), subject (the "
                    + "person's LMS user id) and name (each at most 255 characters), and qualification. Nothing was changed."));
        }
        IqaPeople.Appointment appointment;
        try {
            appointment = new IqaPeople.Appointment(qualification, workingTowards, lead, true);
        } catch (IllegalArgumentException e) {
            return ResponseEntity.badRequest().body(Map.of("error", e.getMessage() + ". Nothing was changed."));
        }
        AdminScope scope = AdminScope.of(user);
        Optional<Platform> platform = platforms.find(issuer, clientId).filter(p -> scope.manages(p.id()));
        if (platform.isEmpty()) {
            return ResponseEntity.status(404).body(Map.of("error", "This token manages no platform with issuer '" + issuer
                    + "' and client_id '" + clientId + "'. Nothing was changed."));
        }
        Optional<IqaPeople.Iqa> known = iqas.find(platform.get().id(), subject);
        if (ifUnknown && known.isPresent()) {
            IqaPeople.Iqa k = known.get();
            return ResponseEntity.ok(new Answer(subject, k.active(), k.lead(), k.qualification(), false));
        }
        IqaPeople.Iqa named = iqas.appoint(platform.get().id(), subject, name.strip(), appointment, user.name());
        return ResponseEntity.ok(new Answer(subject, named.active(), named.lead(), named.qualification(), true));
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
