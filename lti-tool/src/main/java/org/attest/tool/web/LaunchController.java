package org.attest.tool.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.attest.tool.lti.DeepLinkingResponse;
import org.attest.tool.lti.LaunchRouting;
import org.attest.tool.lti.LtiPrincipal;
import org.attest.tool.standards.FrameworkCatalog;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * Where a launch lands ({@link LaunchRouting} decides, this turns the destination into a redirect or a page): who you
 * are, in which course, as what; for a deep-linking request, the unit picker.
 */
@Controller
class LaunchController {

    private final LaunchRouting routing;
    private final FrameworkCatalog catalog;
    private final DeepLinkingResponse deepLinking;

    LaunchController(LaunchRouting routing, FrameworkCatalog catalog, DeepLinkingResponse deepLinking) {
        this.routing = routing;
        this.catalog = catalog;
        this.deepLinking = deepLinking;
    }

    @GetMapping("/s/{token}/")
    String landing(@AuthenticationPrincipal LtiPrincipal user, @PathVariable String token, Model model) {
        LaunchRouting.Destination destination = routing.route(user);
        if (destination instanceof LaunchRouting.Destination.Refused refused) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, refused.reason());
        }
        if (destination instanceof LaunchRouting.Destination.PlaceUnits || destination instanceof LaunchRouting.Destination.ChooseUnit) {
            model.addAttribute("units", catalog.units(user.platformId()));
            return destination instanceof LaunchRouting.Destination.PlaceUnits ? "web/deep-linking" : "web/bind";
        }
        if (!destination.pathInSession().equals("/")) {
            return "redirect:/s/" + token + destination.pathInSession();
        }
        LaunchRouting.Destination.Landing landing = (LaunchRouting.Destination.Landing) destination;
        model.addAttribute("unitCode", landing.unitCode());
        model.addAttribute("notReady", landing.notReady());
        return "web/landing";
    }

    /** Who the launch says you are, where from and as what: the page to check when something looks wrong. */
    @GetMapping("/s/{token}/about")
    String about(@AuthenticationPrincipal LtiPrincipal user, Model model) {
        model.addAttribute("unitCode", user.custom().get("attest_unit"));
        return "web/landing";
    }

    @PostMapping("/s/{token}/deep-linking")
    String placeUnits(@AuthenticationPrincipal LtiPrincipal user, @RequestParam(name = "unit", required = false) List<String> chosen,
            Model model) {
        if (!LaunchRouting.placesByDeepLinking(user)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "not a deep-linking launch by a tutor");
        }
        List<DeepLinkingResponse.ContentItem> items = new ArrayList<>();
        for (String key : chosen == null ? List.<String>of() : chosen) {
            String[] parts = key.split(":", 2);
            // Progress goes to the unit's grade column as criteria met out of 100; completion is full marks.
            catalog.unit(user.platformId(), parts[0], parts.length > 1 ? parts[1] : "").ifPresent(p -> items.add(new DeepLinkingResponse.ContentItem(
                    p.unit().displayName(), p.framework().title(),
                    Map.of("attest_framework", p.framework().id().toString(), "attest_unit", p.unit().code()),
                    new DeepLinkingResponse.LineItem(p.unit().displayName(), 100, p.unit().code(), "unit"))));
            if (!user.deepLinking().acceptMultiple() && !items.isEmpty()) {
                break;
            }
        }
        model.addAttribute("returnUrl", user.deepLinking().returnUrl());
        model.addAttribute("jwt", deepLinking.sign(user, items));
        return "web/deep-linking-return";
    }
}
