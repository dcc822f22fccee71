package org.attest.tool.witnesses.web;

import jakarta.servlet.http.HttpServletResponse;
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
        return page(links.open(token), null, model, response);
    }

    @PostMapping("/witness/{token}")
    String answer(@PathVariable String token, @RequestParam(defaultValue = "") String action,
            @RequestParam(required = false) String typedName, @RequestParam(required = false) String reason, Model model,
            HttpServletResponse response) {
        if (!action.equals("confirm") && !action.equals("decline")) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return page(links.reread(token), "Choose whether you confirm the statement or not.", model, response);
        }
        try {
            WitnessLinks.Opened answered = links.answer(token, action.equals("confirm"), typedName, reason);
            if (answered.accepted()) {
                model.addAttribute("answered", answered.link());
            }
            return page(answered, null, model, response);
        } catch (WitnessRefused e) {
            WitnessLinks.Opened again = links.reread(token);
            if (again.accepted()) {
                response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            }
            model.addAttribute("typedName", typedName);
            model.addAttribute("reason", reason);
            return page(again, e.getMessage().substring(0, 1).toUpperCase() + e.getMessage().substring(1) + ".", model,
                    response);
        }
    }

    private static String page(WitnessLinks.Opened opened, String problem, Model model, HttpServletResponse response) {
        response.setHeader("Cache-Control", "no-store");
        if (!opened.accepted()) {
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            model.addAttribute("refusal", WitnessLinks.DEAD);
            return "witnesses/witness";
        }
        model.addAttribute("statement", opened.statement());
        model.addAttribute("problem", problem);
        return "witnesses/witness";
    }
}
