package org.attest.tool.lti;

import java.util.Map;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The tool's public keys, current and next (and retiring ones in their grace period). */
@RestController
class JwksController {

    private final SigningKeys toolKeys;

    JwksController(@Qualifier("tool") SigningKeys toolKeys) {
        this.toolKeys = toolKeys;
    }

    @GetMapping(path = "/.well-known/jwks.json", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> jwks() {
        return ResponseEntity.ok()
                .cacheControl(CacheControl.maxAge(java.time.Duration.ofMinutes(5)).cachePublic())
                .body(toolKeys.publicJwks().toJSONObject(true));
    }
}
