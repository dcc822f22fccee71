package org.attest.tool.lti.web;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.attest.tool.lti.AdminPages;
import org.attest.tool.lti.AdminRefused;
import org.attest.tool.lti.LtiPrincipal;
import org.attest.tool.lti.Platform;
import org.attest.tool.lti.PlatformAdministration;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The platform operations of the admin pages as JSON, under {@code /s/{token}/admin/api/platforms}.
 * Refusals are {@code {"error": "<sentence>"}} (with {@code "fields"} for invalid input) and change nothing.
 */
@RestController
@RequestMapping("/s/{token}/admin/api/platforms")
class PlatformApiController {

    /** {@code PATCH} body: only whether the platform may launch. */
    record EnabledChange(Boolean enabled) {
    }

    /** {@code POST .../deployments} body. */
    record NewDeployment(String deploymentId, String name) {
    }

    private final PlatformAdministration administration;

    PlatformApiController(PlatformAdministration administration) {
        this.administration = administration;
    }

    @GetMapping
    List<Platform> list(@AuthenticationPrincipal LtiPrincipal user) {
        return administration.visibleTo(user);
    }

    @PostMapping
    ResponseEntity<Platform> create(@AuthenticationPrincipal LtiPrincipal user, @PathVariable String token,
            @RequestBody PlatformAdministration.NewPlatform body) {
        Platform platform = administration.register(user, body);
        return ResponseEntity.created(URI.create(AdminPages.home(token) + "/api/platforms/" + platform.id())).body(platform);
    }

    @GetMapping("/{id}")
    Platform one(@AuthenticationPrincipal LtiPrincipal user, @PathVariable String id) {
        return administration.get(user, id);
    }

    /**
     * Renames at once; a change of endpoints is answered 409 with the change to review (old and new
     * endpoints, and the thumbprints of the keys at the old and new JWKS URL) until it is sent again
     * with {@code ?confirm=true}.
     */
    @PutMapping("/{id}")
    ResponseEntity<Object> update(@AuthenticationPrincipal LtiPrincipal user, @PathVariable String id,
            @RequestParam(defaultValue = "false") boolean confirm, @RequestBody PlatformAdministration.Endpoints body) {
        if (confirm) {
            return ResponseEntity.ok(administration.confirmEndpoints(user, id, body, null));
        }
        PlatformAdministration.Edit edit = administration.edit(user, id, body);
        if (edit instanceof PlatformAdministration.Edit.NeedsConfirmation review) {
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("error", "This changes the platform's endpoints: review the change and the keys below, then send the "
                    + "same request with ?confirm=true to apply it. Nothing was changed.");
            answer.put("change", review.change());
            return ResponseEntity.status(HttpStatus.CONFLICT).body(answer);
        }
        return ResponseEntity.ok(((PlatformAdministration.Edit.Saved) edit).platform());
    }

    @PatchMapping("/{id}")
    Platform setEnabled(@AuthenticationPrincipal LtiPrincipal user, @PathVariable String id, @RequestBody EnabledChange body) {
        administration.get(user, id); // an unknown platform is 404 before the body is judged
        if (body.enabled() == null) {
            throw new BadRequest("PATCH changes only whether the platform is enabled: send {\"enabled\": true} or "
                    + "{\"enabled\": false}; PUT changes the name and endpoints");
        }
        return administration.setEnabled(user, id, body.enabled());
    }

    @PostMapping("/{id}/deployments")
    ResponseEntity<Platform> addDeployment(@AuthenticationPrincipal LtiPrincipal user, @PathVariable String id,
            @RequestBody NewDeployment body) {
        return ResponseEntity.status(HttpStatus.CREATED).body(administration.addDeployment(user, id, body.deploymentId(), body.name()));
    }

    @DeleteMapping("/{id}/deployments/{deploymentId}")
    ResponseEntity<Void> removeDeployment(@AuthenticationPrincipal LtiPrincipal user, @PathVariable String id,
            @PathVariable String deploymentId) {
        administration.removeDeployment(user, id, deploymentId);
        return ResponseEntity.noContent().build();
    }

    @ExceptionHandler(AdminRefused.class)
    ResponseEntity<Map<String, Object>> refused(AdminRefused e) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", e.getMessage());
        if (!e.fields().isEmpty()) {
            body.put("fields", e.fields());
        }
        return ResponseEntity.status(e.kind().status()).body(body);
    }

    @ExceptionHandler(BadRequest.class)
    ResponseEntity<Map<String, Object>> badRequest(BadRequest e) {
        return ResponseEntity.badRequest().body(Map.of("error", e.getMessage()));
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Map<String, Object>> unreadable(HttpMessageNotReadableException e) {
        return ResponseEntity.badRequest().body(Map.of("error", "The request body is not the JSON object this call expects "
                + "(see docs/admin.md, JSON API): " + firstLine(e.getMostSpecificCause().getMessage())));
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<Map<String, Object>> notJson(HttpMediaTypeNotSupportedException e) {
        return ResponseEntity.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
                .body(Map.of("error", "Send the request body as JSON, with Content-Type: application/json."));
    }

    private static String firstLine(String message) {
        String m = message == null ? "" : message;
        int newline = m.indexOf('\n');
        return newline < 0 ? m : m.substring(0, newline);
    }

    /** A request this API cannot read; nothing was changed. */
    static final class BadRequest extends RuntimeException {
        BadRequest(String message) {
            super(message);
        }
    }
}
