package org.attest.tool.standards.web;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.attest.standards.ImportWarning;
import org.attest.standards.StandardsImportException;
import org.attest.tool.lti.AdminPages;
import org.attest.tool.lti.AdminRefused;
import org.attest.tool.lti.AdminScope;
import org.attest.tool.lti.LtiPrincipal;
import org.attest.tool.standards.internal.CriterionChange;
import org.attest.tool.standards.internal.FrameworkImport;
import org.attest.tool.standards.internal.FrameworkVersions;
import org.attest.tool.standards.internal.ImportOutcome;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Frameworks as JSON: {@code GET} lists them with their versions, {@code POST} imports the CASE
 * package in the body. Under an admin session ({@code /s/{token}/admin/api/frameworks}) and, for
 * scripts such as {@code standards-import --push}, under {@code /admin/api/frameworks} with an API token.
 * Both act in the caller's {@link AdminScope}: a centre's session or token lists the tool-wide
 * frameworks and the centre's own, and imports for that centre only.
 */
@RestController
@RequestMapping({"/s/{token}/admin/api/frameworks", "/admin/api/frameworks"})
class FrameworkApiController {

    /** The answer to an import: the outcome, with its one-sentence summary and counts for scripts. */
    record ImportAnswer(ImportOutcome.Result result, String summary, UUID frameworkId, String title, UUID versionId,
            String version, UUID previousVersionId, int units, int criteria, int changed, int added, int removed,
            List<CriterionChange> changes, List<String> warnings) {

        static ImportAnswer of(ImportOutcome o) {
            return new ImportAnswer(o.result(), o.summary(), o.frameworkId(), o.title(), o.versionId(), o.version(),
                    o.previousVersionId(), o.units(), o.criteria(), o.changes(CriterionChange.Kind.CHANGED).size(),
                    o.changes(CriterionChange.Kind.ADDED).size(), o.changes(CriterionChange.Kind.REMOVED).size(), o.changes(),
                    o.warnings().stream().map(ImportWarning::toString).toList());
        }
    }

    private final FrameworkImport imports;
    private final FrameworkVersions versions;

    FrameworkApiController(FrameworkImport imports, FrameworkVersions versions) {
        this.imports = imports;
        this.versions = versions;
    }

    @GetMapping
    List<FrameworkVersions.FrameworkHistory> list(@AuthenticationPrincipal LtiPrincipal user) {
        return versions.visibleTo(AdminScope.of(user));
    }

    /**
     * 201 when a framework or version was created, 200 when the current version already had this content,
     * 413 when the package is over {@link FrameworkImport#MAX_PACKAGE_BYTES} (read no further than that).
     */
    @PostMapping
    ResponseEntity<?> importCase(@AuthenticationPrincipal LtiPrincipal user, HttpServletRequest request)
            throws StandardsImportException, IOException {
        byte[] body = readAtMost(request, FrameworkImport.MAX_PACKAGE_BYTES);
        if (body == null) {
            return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE)
                    .body(Map.of("error", "The package is larger than " + FrameworkImport.MAX_PACKAGE_BYTES / (1024 * 1024)
                            + " MB, the most Attest imports. Nothing was changed."));
        }
        ImportOutcome outcome = imports.importCase(AdminScope.of(user), body, AdminPages.who(user));
        HttpStatus status = outcome.result() == ImportOutcome.Result.NO_CHANGE ? HttpStatus.OK : HttpStatus.CREATED;
        return ResponseEntity.status(status).body(ImportAnswer.of(outcome));
    }

    /** The body, or null when it is larger than {@code max}: at most one byte more than that is ever read. */
    private static byte[] readAtMost(HttpServletRequest request, int max) throws IOException {
        if (request.getContentLengthLong() > max) {
            return null;
        }
        byte[] body = request.getInputStream().readNBytes(max + 1);
        return body.length > max ? null : body;
    }

    /** A package this caller may not import (another centre's identifier, a tool-wide framework's new version). */
    @ExceptionHandler(AdminRefused.class)
    ResponseEntity<Map<String, Object>> notAllowed(AdminRefused e) {
        String sentence = e.getMessage().endsWith(".") ? e.getMessage() : e.getMessage() + ".";
        return ResponseEntity.status(e.kind().status()).body(Map.of("error", sentence + " Nothing was changed."));
    }

    @ExceptionHandler(StandardsImportException.class)
    ResponseEntity<Map<String, Object>> refused(StandardsImportException e) {
        String sentence = e.getMessage().endsWith(".") ? e.getMessage() : e.getMessage() + ".";
        return ResponseEntity.badRequest().body(Map.of("error", sentence + " Nothing was changed."));
    }
}
