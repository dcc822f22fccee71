package org.attest.tool.witnesses.web;

import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.attest.tool.portfolio.EvidenceWitnesses;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.attest.tool.witnesses.internal.WitnessLinks;
import org.attest.tool.witnesses.internal.WitnessRefused;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The witness's page: a top-level page outside {@code /s/**}, opened with the one-time link the assessor sent. It shows
 * one statement and nothing else (no session starts; no other page, evidence or file is reachable from it) and takes
 * the witness's confirmation or refusal. Every link that does not work gets the same 404 page, which names nothing.
 */
@Controller
class WitnessLinkPage {

    private final WitnessLinks links;

    WitnessLinkPage(WitnessLinks links) {
        this.links = links;
    }

    @GetMapping("/witness/{token}")
    String open(@PathVariable String token, Model model, HttpServletResponse response) {
        return page(links.open(token), null, model, response, token);
    }

    @PostMapping("/witness/{token}")
    String answer(@PathVariable String token, @RequestParam(defaultValue = "") String action,
            @RequestParam(required = false) String typedName, @RequestParam(required = false) String reason, Model model,
            HttpServletResponse response) {
        if (!action.equals("confirm") && !action.equals("decline")) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return page(links.reread(token), "Choose whether you confirm the statement or not.", model, response, token);
        }
        try {
            WitnessLinks.Opened answered = links.answer(token, action.equals("confirm"), typedName, reason);
            if (answered.accepted()) {
                model.addAttribute("answered", answered.link());
            }
            return page(answered, null, model, response, token);
        } catch (WitnessRefused e) {
            WitnessLinks.Opened again = links.reread(token);
            if (again.accepted()) {
                response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            }
            model.addAttribute("typedName", typedName);
            model.addAttribute("reason", reason);
            return page(again, e.getMessage().substring(0, 1).toUpperCase() + e.getMessage().substring(1) + ".", model,
                    response, token);
        }
    }

    /** A file of the statement, when the assessor gave the link the files: a download, never rendered inline. */
    @GetMapping("/witness/{token}/files/{fileId}")
    Object file(@PathVariable String token, @PathVariable String fileId, Model model, HttpServletResponse response) {
        UUID id;
        try {
            id = UUID.fromString(fileId);
        } catch (IllegalArgumentException e) {
            id = new UUID(0, 0);
        }
        var file = links.file(token, id);
        if (file.isEmpty()) {
            return page(WitnessLinks.Opened.REFUSED, null, model, response);
        }
        EvidenceWitnesses.WitnessFile f = file.get().getKey();
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(f.contentType()))
                .contentLength(f.sizeBytes())
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(f.fileName(),
                        StandardCharsets.UTF_8).build().toString())
                .header("X-Content-Type-Options", "nosniff")
                .header(HttpHeaders.CACHE_CONTROL, "private, no-store")
                .header("Content-Security-Policy", "sandbox; default-src 'none'")
                .body(new InputStreamResource(file.get().getValue()));
    }

    private static String page(WitnessLinks.Opened opened, String problem, Model model, HttpServletResponse response) {
        return page(opened, problem, model, response, null);
    }

    private static String page(WitnessLinks.Opened opened, String problem, Model model, HttpServletResponse response,
            String token) {
        response.setHeader("Cache-Control", "no-store");
        if (!opened.accepted()) {
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            model.addAttribute("refusal", WitnessLinks.DEAD);
            return "witnesses/witness";
        }
        model.addAttribute("statement", opened.statement());
        model.addAttribute("token", token);
        model.addAttribute("problem", problem);
        return "witnesses/witness";
    }
}
