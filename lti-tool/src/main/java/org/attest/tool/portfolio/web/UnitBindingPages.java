package org.attest.tool.portfolio.web;

import org.attest.tool.lti.LtiPrincipal;
import org.attest.tool.portfolio.UnitBinding;
import org.attest.tool.portfolio.UnitBindings;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/** A tutor chooses the unit of an activity added by hand (not placed by Deep Linking), from the landing's picker. */
@Controller
class UnitBindingPages {

    private final UnitBindings bindings;

    UnitBindingPages(UnitBindings bindings) {
        this.bindings = bindings;
    }

    @PostMapping("/s/{token}/bind")
    String bind(@AuthenticationPrincipal LtiPrincipal user, @PathVariable String token,
            @RequestParam(name = "unit", required = false) String chosen) {
        if (chosen == null || !chosen.contains(":")) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "choose a unit");
        }
        String[] parts = chosen.split(":", 2);
        UnitBinding binding = bindings.bind(user, parts[0], parts[1]);
        return "redirect:/s/" + token + "/caseload?unit=" + binding.unitCode();
    }
}
