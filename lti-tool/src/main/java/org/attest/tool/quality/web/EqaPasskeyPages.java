package org.attest.tool.quality.web;

import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import java.util.UUID;
import org.attest.tool.lti.LtiPrincipal;
import org.attest.tool.lti.SessionStarter;
import org.attest.tool.quality.internal.EqaGrant;
import org.attest.tool.quality.internal.EqaGrants;
import org.attest.tool.quality.internal.EqaPasskeys;
import org.attest.tool.quality.internal.QualityRefused;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.view.RedirectView;

/**
 * Passkeys for external verifiers. Signed in with the link and code, the EQA adds a passkey (or removes one) at
 * {@code /s/{token}/eqa/passkeys}; later they sign in at {@code /eqa/passkey} with the passkey alone, while their
 * grant is active. The ceremonies run in {@code /js/passkey.js} ({@code navigator.credentials.create/get}); the
 * options and answers travel as JSON, and {@link EqaPasskeys} checks them.
 */
@Controller
class EqaPasskeyPages {

    private final EqaGrants grants;
    private final EqaPasskeys passkeys;
    private final SessionStarter sessions;

    EqaPasskeyPages(EqaGrants grants, EqaPasskeys passkeys, SessionStarter sessions) {
        this.grants = grants;
        this.passkeys = passkeys;
        this.sessions = sessions;
    }

    @GetMapping("/s/{token}/eqa/passkeys")
    String list(@AuthenticationPrincipal LtiPrincipal user, Model model) {
        EqaGrant grant = grants.requireActive(user);
        model.addAttribute("grant", grant);
        model.addAttribute("passkeys", passkeys.ofGrant(grant.id()));
        model.addAttribute("max", EqaPasskeys.MAX_PER_GRANT);
        return "quality/eqa-passkeys";
    }

    @PostMapping(path = "/s/{token}/eqa/passkeys/options", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    ResponseEntity<?> creationOptions(@AuthenticationPrincipal LtiPrincipal user) {
        EqaGrant grant = grants.requireActive(user);
        try {
            return ResponseEntity.ok(passkeys.registration(grant));
        } catch (QualityRefused e) {
            return refused(e);
        }
    }

    @PostMapping(path = "/s/{token}/eqa/passkeys", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    ResponseEntity<?> add(@AuthenticationPrincipal LtiPrincipal user, @RequestBody EqaPasskeys.Attestation attestation) {
        EqaGrant grant = grants.requireActive(user);
        try {
            EqaPasskeys.Passkey added = passkeys.register(grant, attestation);
            return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("label", added.label(), "message",
                    "Your passkey '" + added.label() + "' was added: next time, sign in with it at /eqa/passkey."));
        } catch (QualityRefused e) {
            return refused(e);
        }
    }

    @PostMapping("/s/{token}/eqa/passkeys/{passkeyId}/remove")
    RedirectView remove(@AuthenticationPrincipal LtiPrincipal user, @PathVariable String token,
            @PathVariable UUID passkeyId) {
        EqaGrant grant = grants.requireActive(user);
        passkeys.remove(grant, passkeyId, grant.subject(), grant.name());
        return seeOther("/s/" + token + "/eqa/passkeys?removed");
    }

    @GetMapping("/eqa/passkey")
    String signInPage(HttpServletResponse response) {
        response.setHeader("Cache-Control", "no-store");
        return "quality/eqa-passkey-sign-in";
    }

    @PostMapping(path = "/eqa/passkey/options", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    EqaPasskeys.RequestOptions requestOptions(HttpServletResponse response) {
        response.setHeader("Cache-Control", "no-store");
        return passkeys.signInOptions();
    }

    @PostMapping(path = "/eqa/passkey", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    ResponseEntity<Map<String, String>> signIn(@RequestBody EqaPasskeys.Assertion assertion) {
        EqaPasskeys.SignIn result = passkeys.signIn(assertion);
        if (!result.accepted()) {
            return ResponseEntity.status(result.status()).body(Map.of("error", result.refusal()));
        }
        String token = sessions.start(grants.principal(result.grant()));
        return ResponseEntity.ok(Map.of("location", "/s/" + token + "/eqa"));
    }

    private static ResponseEntity<Map<String, String>> refused(QualityRefused e) {
        int status = switch (e.kind()) {
            case NOT_FOUND -> 404;
            case FORBIDDEN -> 403;
            case INVALID -> 400;
        };
        return ResponseEntity.status(status).body(Map.of("error", e.getMessage().substring(0, 1).toUpperCase(
                java.util.Locale.ROOT) + e.getMessage().substring(1) + "."));
    }

    private static RedirectView seeOther(String path) {
        RedirectView view = new RedirectView(path, true);
        view.setStatusCode(HttpStatus.SEE_OTHER);
        return view;
    }
}
