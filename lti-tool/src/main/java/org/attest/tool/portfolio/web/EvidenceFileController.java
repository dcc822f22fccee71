package org.attest.tool.portfolio.web;

import java.io.IOException;
import java.io.InputStream;
import java.util.UUID;
import org.attest.tool.lti.LtiPrincipal;
import org.attest.tool.portfolio.internal.Evidence;
import org.attest.tool.portfolio.internal.EvidenceRecords;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Serves evidence files to those who may see the evidence, as downloads with the sniffed type, never rendered inline. */
@RestController
class EvidenceFileController {

    private final EvidenceRecords evidence;

    EvidenceFileController(EvidenceRecords evidence) {
        this.evidence = evidence;
    }

    @GetMapping("/s/{token}/files/{id}")
    ResponseEntity<InputStreamResource> download(@AuthenticationPrincipal LtiPrincipal user, @PathVariable UUID id)
            throws IOException {
        Evidence.EvidenceFile file = evidence.visibleFile(user, id);
        InputStream in = evidence.open(file);
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(file.contentType()))
                .contentLength(file.sizeBytes())
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(file.fileName(),
                        java.nio.charset.StandardCharsets.UTF_8).build().toString())
                .header("X-Content-Type-Options", "nosniff")
                .header(HttpHeaders.CACHE_CONTROL, "private, no-store")
                .header("Content-Security-Policy", "sandbox; default-src 'none'")
                .body(new InputStreamResource(in));
    }
}
